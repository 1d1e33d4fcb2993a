//! The one error type of Village's server functions and pages. Every variant
//! maps to an HTTP status and a plain message that is safe to show: it never
//! carries personal data or internal detail (those go to the server's log).

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The request itself was wrong; the message says what to change.
    #[error("{0}")]
    BadRequest(String),
    #[error("We could not find that. It may have been removed.")]
    NotFound,
    /// The server or database could not answer right now.
    #[error("Village could not be reached just now. Please try again in a minute.")]
    Unavailable,
    #[error("Something went wrong on our side. Please try again in a minute.")]
    Internal,
}

impl AppError {
    /// The HTTP status this error is sent with.
    pub fn status_code(&self) -> u16 {
        match self {
            Self::BadRequest(_) => 400,
            Self::NotFound => 404,
            Self::Unavailable => 503,
            Self::Internal => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(why) => {
                Self::BadRequest(format!("The request could not be read: {why}"))
            }
            ServerFnErrorErr::MissingArg(name) => {
                Self::BadRequest(format!("The request is missing “{name}”."))
            }
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => Self::Unavailable,
            ServerFnErrorErr::Registration(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_)
            | ServerFnErrorErr::ServerError(_)
            | ServerFnErrorErr::MiddlewareError(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::Serialization(_) => Self::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_arguments_are_the_callers_fault() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Args("bad".into()));
        assert_eq!(err.status_code(), 400);
        assert!(err.to_string().contains("bad"));
        let err = AppError::from_server_fn_error(ServerFnErrorErr::MissingArg("id".into()));
        assert_eq!(err.status_code(), 400);
    }

    #[test]
    fn errors_survive_the_wire() {
        for err in [
            AppError::BadRequest("The area id is empty.".into()),
            AppError::NotFound,
            AppError::Unavailable,
            AppError::Internal,
        ] {
            let bytes = err.ser();
            assert_eq!(AppError::de(bytes), err);
        }
    }
}
