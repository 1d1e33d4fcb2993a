//! The optional weekly self-check: the two NICE-recommended depression
//! identification (Whooley) questions and NICE's follow-up, two anxiety
//! questions, and one gentle question about thoughts of self-harm, asked in
//! Village's own words. Not a diagnosis; the answers are not kept.

use chrono::{Days, NaiveDate};

/// The questions, in the order they are asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Question {
    /// Whooley 1: feeling down, depressed or hopeless.
    Down,
    /// Whooley 2: little interest or pleasure in doing things.
    LittleInterest,
    /// NICE's follow-up when either is "yes".
    WantHelp,
    /// Anxiety 1: nervous, anxious or on edge.
    OnEdge,
    /// Anxiety 2: not able to stop or control worrying.
    Worrying,
    /// Thoughts of harming yourself or of being better off dead.
    HarmThoughts,
}

coded!(Question {
    Down => "down",
    LittleInterest => "little-interest",
    WantHelp => "want-help",
    OnEdge => "on-edge",
    Worrying => "worrying",
    HarmThoughts => "harm-thoughts",
});

/// Answers so far; a question not answered is `None`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Answers {
    answers: [Option<bool>; 6],
}

/// What the answers mean, for the guidance shown afterwards.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Guidance {
    /// A "yes" to either depression question: worth talking to a midwife,
    /// health visitor or GP.
    pub talk_about_mood: bool,
    /// The person said they want help with it.
    pub wants_help: bool,
    /// A "yes" to either anxiety question.
    pub talk_about_anxiety: bool,
    /// A "yes" to thoughts of self-harm: the crisis card, at once.
    pub crisis_card: bool,
}

impl Answers {
    pub fn get(&self, question: Question) -> Option<bool> {
        self.answers[Self::index(question)]
    }

    pub fn set(&mut self, question: Question, yes: bool) {
        self.answers[Self::index(question)] = Some(yes);
    }

    fn index(question: Question) -> usize {
        Question::ALL
            .iter()
            .position(|q| *q == question)
            .unwrap_or_default()
    }

    /// Whether `question` is asked at all: NICE's follow-up only after a
    /// "yes" to one of the two depression questions.
    pub fn asks(&self, question: Question) -> bool {
        match question {
            Question::WantHelp => self.talk_about_mood(),
            _ => true,
        }
    }

    fn talk_about_mood(&self) -> bool {
        self.get(Question::Down) == Some(true) || self.get(Question::LittleInterest) == Some(true)
    }

    /// All the questions that are asked have an answer.
    pub fn complete(&self) -> bool {
        Question::ALL
            .iter()
            .all(|q| !self.asks(*q) || self.get(*q).is_some())
    }

    pub fn guidance(&self) -> Guidance {
        Guidance {
            talk_about_mood: self.talk_about_mood(),
            wants_help: self.talk_about_mood() && self.get(Question::WantHelp) == Some(true),
            talk_about_anxiety: self.get(Question::OnEdge) == Some(true)
                || self.get(Question::Worrying) == Some(true),
            crisis_card: self.get(Question::HarmThoughts) == Some(true),
        }
    }
}

/// Days between offers of the self-check.
pub const DAYS_BETWEEN: u64 = 7;

/// Whether to offer the self-check today (it is offered, never pushed): when
/// it has never been done, or the last was a week or more ago.
pub fn due(last_done: Option<NaiveDate>, today: NaiveDate) -> bool {
    match last_done {
        None => true,
        Some(last) => last
            .checked_add_days(Days::new(DAYS_BETWEEN))
            .is_none_or(|next| next <= today),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_follow_up_is_asked_only_after_a_yes_to_a_depression_question() {
        let mut answers = Answers::default();
        answers.set(Question::Down, false);
        answers.set(Question::LittleInterest, false);
        assert!(!answers.asks(Question::WantHelp));
        answers.set(Question::LittleInterest, true);
        assert!(answers.asks(Question::WantHelp));
    }

    #[test]
    fn complete_needs_every_question_that_is_asked() {
        let mut answers = Answers::default();
        for q in [
            Question::Down,
            Question::LittleInterest,
            Question::OnEdge,
            Question::Worrying,
        ] {
            answers.set(q, false);
        }
        assert!(!answers.complete());
        answers.set(Question::HarmThoughts, false);
        assert!(answers.complete());
        answers.set(Question::Down, true);
        assert!(!answers.complete(), "the follow-up is now asked");
    }

    #[test]
    fn a_yes_to_harm_thoughts_brings_up_the_crisis_card_whatever_else() {
        let mut answers = Answers::default();
        answers.set(Question::HarmThoughts, true);
        let guidance = answers.guidance();
        assert!(guidance.crisis_card);
        assert!(!guidance.talk_about_mood && !guidance.talk_about_anxiety);
    }

    #[test]
    fn guidance_follows_each_yes() {
        let mut answers = Answers::default();
        answers.set(Question::Down, true);
        answers.set(Question::WantHelp, true);
        answers.set(Question::Worrying, true);
        let g = answers.guidance();
        assert!(g.talk_about_mood && g.wants_help && g.talk_about_anxiety && !g.crisis_card);
    }

    #[test]
    fn offered_weekly() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).expect("day");
        assert!(due(None, day(1)));
        assert!(!due(Some(day(1)), day(7)));
        assert!(due(Some(day(1)), day(8)));
    }
}
