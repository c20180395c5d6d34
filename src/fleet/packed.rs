//! A verdict's catalog arguments packed into one byte string.
//!
//! A fleet holds every device's verdict until the devices are sorted and printed; as nested
//! maps of small strings, the arguments of one verdict take some thirty allocations and more
//! memory than the device's tracker state did. Packed, they take one; they are unpacked one
//! device at a time as the JSON is written. The encoding is exact (numbers by their bits) and
//! private to this module: a tag byte per value, LEB128 lengths and counts.

use crate::catalog::{Arg, Args, Message};

const INT: u8 = 0;
const NUM: u8 = 1;
const TEXT: u8 = 2;
const LIST: u8 = 3;
const MSG: u8 = 4;

/// Catalog arguments, packed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PackedArgs(Box<[u8]>);

impl PackedArgs {
    /// Packs `args`.
    #[must_use]
    pub fn pack(args: &Args) -> Self {
        let mut out = Vec::new();
        put_args(&mut out, args);
        Self(out.into_boxed_slice())
    }

    /// The arguments again (`None` only for bytes not made by [`PackedArgs::pack`]).
    #[must_use]
    pub fn unpack(&self) -> Option<Args> {
        let mut r = Reader(&self.0);
        let args = r.args()?;
        r.0.is_empty().then_some(args)
    }
}

fn put_len(out: &mut Vec<u8>, mut n: usize) {
    loop {
        let low = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(low);
            return;
        }
        out.push(low | 0x80);
    }
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_len(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

fn put_args(out: &mut Vec<u8>, args: &Args) {
    put_len(out, args.len());
    for (key, arg) in args.iter() {
        put_str(out, key);
        put_arg(out, arg);
    }
}

fn put_arg(out: &mut Vec<u8>, arg: &Arg) {
    match arg {
        Arg::Int(i) => {
            out.push(INT);
            out.extend_from_slice(&i.to_le_bytes());
        }
        Arg::Num(x) => {
            out.push(NUM);
            out.extend_from_slice(&x.to_bits().to_le_bytes());
        }
        Arg::Text(t) => {
            out.push(TEXT);
            put_str(out, t);
        }
        Arg::List(list) => {
            out.push(LIST);
            put_len(out, list.len());
            for a in list {
                put_arg(out, a);
            }
        }
        Arg::Msg(m) => {
            out.push(MSG);
            put_str(out, &m.id);
            put_args(out, &m.args);
        }
    }
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(*b)
    }

    fn eight(&mut self) -> Option<[u8; 8]> {
        let (head, rest) = self.0.split_first_chunk::<8>()?;
        self.0 = rest;
        Some(*head)
    }

    fn len(&mut self) -> Option<usize> {
        let mut n: usize = 0;
        for shift in (0..usize::BITS).step_by(7) {
            let b = self.byte()?;
            n |= usize::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn string(&mut self) -> Option<String> {
        let n = self.len()?;
        let bytes = self.0.get(..n)?;
        self.0 = self.0.get(n..)?;
        String::from_utf8(bytes.to_vec()).ok()
    }

    fn args(&mut self) -> Option<Args> {
        let n = self.len()?;
        let mut list = Vec::with_capacity(n.min(self.0.len()));
        for _ in 0..n {
            let key = self.string()?;
            list.push((key, self.arg()?));
        }
        // Packed from a map: the keys are sorted and distinct.
        Some(Args::from_sorted_store_unchecked(list))
    }

    fn arg(&mut self) -> Option<Arg> {
        Some(match self.byte()? {
            INT => Arg::Int(i64::from_le_bytes(self.eight()?)),
            NUM => Arg::Num(f64::from_bits(u64::from_le_bytes(self.eight()?))),
            TEXT => Arg::Text(self.string()?),
            LIST => {
                let n = self.len()?;
                let mut list = Vec::with_capacity(n.min(self.0.len()));
                for _ in 0..n {
                    list.push(self.arg()?);
                }
                Arg::List(list)
            }
            MSG => {
                let id = self.string()?;
                Arg::Msg(Message { id, args: self.args()? })
            }
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::args;

    #[test]
    fn arguments_unpack_to_what_was_packed_numbers_by_their_bits() {
        let nested = Message::new("sf-floor", args! { "floor" => "-7.5", "sf" => 7 });
        let long = "x".repeat(300);
        let a = args! {
            "addr" => Message::plain("healthy-devaddr"),
            "margin" => Message::new("healthy-margin", args! { "sf" => nested, "m" => 0.1 + 0.2 }),
            "list" => vec![Arg::from(1), Arg::from(-0.0), Arg::from(f64::NAN), Arg::from("é")],
            "long" => long,
            "n" => i64::MIN,
        };
        let packed = PackedArgs::pack(&a);
        let back = packed.unpack().unwrap_or_default();
        assert_eq!(format!("{back:?}"), format!("{a:?}"));
        assert_eq!(serde_json::to_string(&back).ok(), serde_json::to_string(&a).ok());
        assert_eq!(PackedArgs::pack(&Args::new()).unpack(), Some(Args::new()));
    }

    #[test]
    fn bytes_not_made_by_packing_unpack_to_nothing() {
        for bytes in [vec![1, 0, 9], vec![2], vec![0x80; 12], vec![0, 0]] {
            assert_eq!(PackedArgs(bytes.into_boxed_slice()).unpack(), None);
        }
    }
}
