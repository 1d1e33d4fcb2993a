//! Size limits for free text that comes from outside, shared by the server's
//! validation and the browser's forms so both say the same thing.

/// Longest name (of an area, organisation, contact) we accept, in characters.
pub const MAX_NAME_CHARS: usize = 120;

/// Longest plain description we accept, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 4_000;

/// Largest request body the server reads, in bytes. Village's forms are small;
/// anything bigger is a mistake or an attack.
pub const MAX_REQUEST_BODY_BYTES: usize = 64 * 1024;
