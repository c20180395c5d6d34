//! A LoRaWAN 1.0.x Class-A device: OTAA with real crypto (join-request MIC, join-accept
//! decryption, session-key derivation, data-frame MIC and FRMPayload encryption through
//! [`crate::frame`]) or ABP with a preset session.
//!
//! Invariants: the DevNonce follows the configured mode (random for 1.0.3, a counter for
//! 1.0.4); a join-accept is only taken when it decrypts and verifies with the device's own
//! AppKey; the frame counter increments after every data transmission and restarts at 0 at
//! the configured reboot points; join retries never exceed the LoRaWAN join back-off duty
//! cycle (1 % in the first hour, 0.1 % up to 11 h, 0.01 % after).

use chrono::{DateTime, TimeDelta, Utc};
use rand::Rng;
use rand::rngs::StdRng;

use super::config::{Activation, DevNonceMode, DeviceConfig, MacVersion};
use crate::frame::{self, FrameError, create};
use crate::model::{AesKey, DevAddr};

/// The device's active session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeviceSession {
    /// Address.
    pub dev_addr: DevAddr,
    /// Network session key.
    pub nwk_s_key: AesKey,
    /// Application session key.
    pub app_s_key: AesKey,
    /// Next uplink frame counter.
    pub f_cnt: u32,
}

/// A data uplink the device built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataUp {
    /// The PHYPayload.
    pub phy: Vec<u8>,
    /// The cleartext FRMPayload.
    pub plaintext: Vec<u8>,
    /// The frame counter used.
    pub f_cnt: u32,
}

/// The simulated device.
#[derive(Debug, Clone)]
pub struct Device {
    /// Its configuration.
    pub config: DeviceConfig,
    session: Option<DeviceSession>,
    next_counter_nonce: u16,
    join_attempts: u32,
    first_join_at: Option<DateTime<Utc>>,
    data_frames: u32,
    temperature: f64,
}

impl Device {
    /// A device in its initial state (ABP devices start with their session).
    #[must_use]
    pub fn new(config: DeviceConfig) -> Self {
        let session = match &config.activation {
            Activation::Abp { dev_addr, nwk_s_key, app_s_key } => Some(DeviceSession {
                dev_addr: *dev_addr,
                nwk_s_key: *nwk_s_key,
                app_s_key: *app_s_key,
                f_cnt: 0,
            }),
            Activation::Otaa { .. } => None,
        };
        let next_counter_nonce = match &config.activation {
            Activation::Otaa { dev_nonce: DevNonceMode::Counter { start }, .. } => *start,
            _ => 0,
        };
        Self {
            config,
            session,
            next_counter_nonce,
            join_attempts: 0,
            first_join_at: None,
            data_frames: 0,
            temperature: 21.5,
        }
    }

    /// The active session.
    #[must_use]
    pub fn session(&self) -> Option<DeviceSession> {
        self.session
    }

    /// Join attempts made so far.
    #[must_use]
    pub fn join_attempts(&self) -> u32 {
        self.join_attempts
    }

    fn next_dev_nonce(&mut self, rng: &mut StdRng) -> u16 {
        let Activation::Otaa { mac, dev_nonce, .. } = &self.config.activation else { return 0 };
        match (dev_nonce, mac) {
            (DevNonceMode::Fixed(n), _) => *n,
            (DevNonceMode::Counter { .. }, _) | (DevNonceMode::Auto, MacVersion::V1_0_4) => {
                let n = self.next_counter_nonce;
                self.next_counter_nonce = n.wrapping_add(1);
                n
            }
            (DevNonceMode::Auto, MacVersion::V1_0_3) => rng.r#gen(),
        }
    }

    /// Builds the next join-request (sent at `at`); returns it with its DevNonce.
    ///
    /// # Errors
    /// From the frame layer; an ABP device has nothing to join with.
    pub fn join_request(
        &mut self,
        at: DateTime<Utc>,
        rng: &mut StdRng,
    ) -> Result<(Vec<u8>, u16), FrameError> {
        let Activation::Otaa { app_key, .. } = self.config.activation.clone() else {
            return Err(FrameError::WrongType { expected: "OTAA device", found: "ABP device" });
        };
        let nonce = self.next_dev_nonce(rng);
        self.join_attempts += 1;
        self.first_join_at.get_or_insert(at);
        let phy = create::join_request(&app_key, self.config.join_eui, self.config.dev_eui, nonce)?;
        Ok((phy, nonce))
    }

    /// Takes a received join-accept answering the request with `dev_nonce`; true when it
    /// decrypted and verified with the device's AppKey (the device is then activated).
    pub fn accept(&mut self, phy: &[u8], dev_nonce: u16) -> bool {
        let Some(app_key) = self.config.device_app_key() else { return false };
        let Ok(ja) = frame::decrypt_join_accept(phy, &app_key) else { return false };
        let keys = frame::derive_session_keys(&app_key, ja.join_nonce, ja.net_id, dev_nonce);
        self.session = Some(DeviceSession {
            dev_addr: ja.dev_addr,
            nwk_s_key: keys.nwk_s_key,
            app_s_key: keys.app_s_key,
            f_cnt: 0,
        });
        self.first_join_at = None;
        true
    }

    /// Builds the next data uplink (a small sensor reading), applying a configured reboot
    /// (frame counter back to 0, same session) first.
    ///
    /// # Errors
    /// From the frame layer; `WrongType` when the device has no session.
    pub fn data_up(&mut self, rng: &mut StdRng) -> Result<DataUp, FrameError> {
        let frame_no = self.data_frames;
        self.data_frames += 1;
        let reboot = self.config.fcnt_resets_at.contains(&frame_no);
        let Some(session) = self.session.as_mut() else {
            return Err(FrameError::WrongType {
                expected: "activated device",
                found: "no session",
            });
        };
        if reboot {
            session.f_cnt = 0;
        }
        self.temperature = (self.temperature + rng.gen_range(-0.3..0.3)).clamp(15.0, 28.0);
        let t = (self.temperature * 10.0).round() as i16;
        let humidity: u8 = rng.gen_range(38..52);
        let co2: u16 = rng.gen_range(420..900);
        let mut plaintext = vec![0x01];
        plaintext.extend_from_slice(&t.to_be_bytes());
        plaintext.extend_from_slice(&[0x02, humidity, 0x06]);
        plaintext.extend_from_slice(&co2.to_be_bytes());
        let f_cnt = session.f_cnt;
        let phy = create::data_up(
            &session.nwk_s_key,
            &session.app_s_key,
            session.dev_addr,
            f_cnt,
            self.config.f_port,
            &plaintext,
            self.config.confirmed,
            true,
        )?;
        session.f_cnt = f_cnt.wrapping_add(1);
        Ok(DataUp { phy, plaintext, f_cnt })
    }

    /// How long after the end of the last RX window the device waits before the next
    /// join-request: the configured schedule with ±20 % jitter, but never less than the
    /// join back-off duty cycle requires for a frame of `airtime_s` sent at `now`.
    pub fn join_retry_delay(
        &self,
        now: DateTime<Utc>,
        airtime_s: f64,
        rng: &mut StdRng,
    ) -> TimeDelta {
        let s = self.config.join_schedule;
        let n = self.join_attempts.saturating_sub(1).min(64);
        let scheduled = (s.base_s * s.factor.powi(n as i32)).min(s.max_s) * rng.gen_range(0.8..1.2);
        let since_first = self.first_join_at.map_or(0, |t| (now - t).num_seconds());
        let duty = match since_first {
            s if s < 3_600 => 0.01,
            s if s < 11 * 3_600 => 0.001,
            _ => 0.0001,
        };
        let minimum = airtime_s / duty;
        TimeDelta::milliseconds((scheduled.max(minimum) * 1000.0) as i64)
    }
}
