//! Writes a demo dataset as exchange-format NDJSON to standard output, e.g. a
//! million listings for the search benchmark:
//!
//! `cargo run --release -p hulian-demo --example demo_ndjson -- 1000000 20000 > demo.ndjson`
//!
//! Arguments (all optional): listings, organizations, seed; the defaults are `DemoConfig::default()`.

use std::io::{BufWriter, Write};

use hulian_demo::{DemoConfig, generate};

fn main() -> std::io::Result<()> {
    let defaults = DemoConfig::default();
    let mut args = std::env::args().skip(1);
    let mut next = |default: u64| -> Result<u64, std::io::Error> {
        match args.next() {
            None => Ok(default),
            Some(text) => text
                .parse()
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("`{text}`: {e}"))),
        }
    };
    let config = DemoConfig {
        listings: next(defaults.listings as u64)? as usize,
        organizations: next(defaults.organizations as u64)? as usize,
        seed: next(defaults.seed)?,
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    for record in generate(&config) {
        out.write_all(record.to_line().as_bytes())?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
