//! placeholder, filled in by its own change
pub struct Booked;
