//! Renderer stub.
