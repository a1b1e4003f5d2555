//! TEMPORARY stand-in until the window module lands.
use chrono_tz::Tz;

#[derive(Debug, Clone, PartialEq)]
pub struct Window {
    pub text: String,
    pub tz: Tz,
}

pub struct WindowError {
    pub offset: usize,
    pub len: usize,
    pub message: String,
}

pub fn parse(text: &str, business_hours: Option<&Window>, tz: Tz) -> Result<Window, WindowError> {
    if text.trim() == "business-hours" {
        if let Some(b) = business_hours {
            return Ok(b.clone());
        }
    }
    Ok(Window {
        text: text.to_string(),
        tz,
    })
}

impl Window {
    pub fn always(tz: Tz) -> Window {
        Window {
            text: "24x7".into(),
            tz,
        }
    }
}
