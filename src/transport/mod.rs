//! MQTT transport (rumqttc): the only network I/O besides the agent loop.
