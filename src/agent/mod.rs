//! The watch agent: MQTT messages → pipeline, live view, recording.
