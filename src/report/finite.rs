//! A serde pass that finds non-finite floats before a document is signed.
//!
//! serde_json (and serde_jcs, which builds on it) writes NaN and ±∞ inside structs as `null`
//! without an error, which would sign a silently changed value (and make the typed document
//! unreadable). [`check`] walks any `Serialize` value and reports the path of the first
//! non-finite `f32`/`f64`.

use serde::ser::{self, Serialize};

/// Where the first non-finite number is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct NonFinite(pub String);

impl ser::Error for NonFinite {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Self(msg.to_string())
    }
}

/// Fails with the JSON-like path of the first NaN or infinity in `value`.
///
/// # Errors
/// [`NonFinite`] naming the path (e.g. `$.diagnosis.stats.rssi_dbm.min = NaN`).
pub fn check<T: Serialize + ?Sized>(value: &T) -> Result<(), NonFinite> {
    value.serialize(&mut Walker { path: vec!["$".into()] })
}

struct Walker {
    path: Vec<String>,
}

impl Walker {
    fn float(&self, v: f64) -> Result<(), NonFinite> {
        if v.is_finite() { Ok(()) } else { Err(NonFinite(format!("{} = {v}", self.path.concat()))) }
    }
    fn nested<T: Serialize + ?Sized>(&mut self, seg: String, v: &T) -> Result<(), NonFinite> {
        self.path.push(seg);
        let r = v.serialize(&mut *self);
        self.path.pop();
        r
    }
}

macro_rules! ok {
    ($($name:ident($($t:ty),*)),* $(,)?) => {
        $(fn $name(self, $(_: $t),*) -> Result<(), NonFinite> { Ok(()) })*
    };
}

/// Starts a compound value (checked element by element by [`Seq`]).
macro_rules! open {
    ($a:lifetime; $($name:ident($($t:ty),*)),* $(,)?) => {
        $(fn $name(self, $(_: $t),*) -> Result<Seq<$a>, NonFinite> { Ok(Seq { w: self, i: 0 }) })*
    };
}

impl<'a> ser::Serializer for &'a mut Walker {
    type Ok = ();
    type Error = NonFinite;
    type SerializeSeq = Seq<'a>;
    type SerializeTuple = Seq<'a>;
    type SerializeTupleStruct = Seq<'a>;
    type SerializeTupleVariant = Seq<'a>;
    type SerializeMap = Seq<'a>;
    type SerializeStruct = Seq<'a>;
    type SerializeStructVariant = Seq<'a>;

    ok!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );
    fn serialize_f32(self, v: f32) -> Result<(), NonFinite> {
        self.float(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), NonFinite> {
        self.float(v)
    }
    fn serialize_none(self) -> Result<(), NonFinite> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), NonFinite> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), NonFinite> {
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), NonFinite> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), NonFinite> {
        self.nested(format!(".{variant}"), v)
    }
    open!(
        'a;
        serialize_seq(Option<usize>),
        serialize_tuple(usize),
        serialize_tuple_struct(&'static str, usize),
        serialize_tuple_variant(&'static str, u32, &'static str, usize),
        serialize_map(Option<usize>),
        serialize_struct(&'static str, usize),
        serialize_struct_variant(&'static str, u32, &'static str, usize),
    );
}

/// Compound values: elements are checked with their index or field name in the path.
struct Seq<'a> {
    w: &'a mut Walker,
    i: usize,
}

impl Seq<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), NonFinite> {
        let seg = format!("[{}]", self.i);
        self.i += 1;
        self.w.nested(seg, v)
    }
}

/// The compound serializers: elements are checked in order (`[i]`), fields by name (`.key`).
macro_rules! compound {
    (elements: $($trait:ident :: $method:ident),*; fields: $($ftrait:ident),*) => {
        $(impl ser::$trait for Seq<'_> {
            type Ok = ();
            type Error = NonFinite;
            fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), NonFinite> {
                self.element(v)
            }
            fn end(self) -> Result<(), NonFinite> {
                Ok(())
            }
        })*
        $(impl ser::$ftrait for Seq<'_> {
            type Ok = ();
            type Error = NonFinite;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                v: &T,
            ) -> Result<(), NonFinite> {
                self.w.nested(format!(".{key}"), v)
            }
            fn end(self) -> Result<(), NonFinite> {
                Ok(())
            }
        })*
    };
}

compound!(
    elements: SerializeSeq::serialize_element,
        SerializeTuple::serialize_element,
        SerializeTupleStruct::serialize_field,
        SerializeTupleVariant::serialize_field;
    fields: SerializeStruct, SerializeStructVariant
);

impl ser::SerializeMap for Seq<'_> {
    type Ok = ();
    type Error = NonFinite;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), NonFinite> {
        k.serialize(&mut *self.w)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), NonFinite> {
        self.element(v)
    }
    fn end(self) -> Result<(), NonFinite> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tracker::{Spread, Stats, TimelineEntry};

    #[test]
    fn nan_and_infinity_are_found_with_their_path() {
        let stats = Stats {
            snr_db: Some(Spread { min: 1.0, median: f64::NAN, max: 2.0 }),
            ..Stats::default()
        };
        assert_eq!(check(&stats), Err(NonFinite("$.snr_db.median = NaN".into())));
        let tl = vec![
            TimelineEntry { rssi_dbm: Some(-70.0), ..TimelineEntry::default() },
            TimelineEntry { rssi_dbm: Some(f64::NEG_INFINITY), ..TimelineEntry::default() },
        ];
        assert_eq!(check(&tl), Err(NonFinite("$[1].rssi_dbm = -inf".into())));
        let fine = Stats {
            rssi_dbm: Some(Spread { min: -80.0, median: -71.25, max: 1e-7 }),
            ..Stats::default()
        };
        assert_eq!(check(&fine), Ok(()));
    }
}
