//! The group calendar's rules: term calendars, schedules and exceptions, and
//! their expansion into sessions, with London wall-clock times.

pub mod atom;
pub mod edit;
pub mod expand;
pub mod facts;
pub mod filters;
pub mod followed;
pub mod group;
pub mod ics;
pub mod import;
pub mod london;
pub mod my_groups;
pub mod schedule;
pub mod term;
pub mod upcoming;
pub mod usual;
pub mod venue;
pub mod week;

pub use expand::{expand, next_running, DateWindow, Kind, Occurrence, Status, WindowError};
pub use facts::{Contact, ContactWay, Cost, Facts, RunBy};
pub use filters::{Filters, Mode, When};
pub use group::{
    Attendance, Badge, Booking, Focus, Format, Freshness, Group, GroupId, GroupIdError, Joining,
    Welcome,
};
pub use schedule::{
    Exception, GroupTimes, Reach, Recurrence, Schedule, ScheduleError, ScheduleParts,
    TermBehaviour, WeekOfMonth,
};
pub use term::{
    BankHoliday, BreakKind, DateRange, Day, SchoolYear, TermBreak, TermCalendar, TermError,
    YearTerms,
};
pub use venue::{Access, AccessFact, Venue, VenueForm};
pub use week::{plan, DayPlan, PauseReason, Paused, Plan, PlannedSession};
