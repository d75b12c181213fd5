//! Scoring a module's quiz: pure, so the page and the API score alike.

use super::model::Quiz;
use crate::accounts::FieldError;

/// One question as answered.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerResult {
    /// Index of the question.
    pub question: usize,
    /// The choice given.
    pub given: usize,
    /// Whether it is the right one.
    pub right: bool,
}

/// A scored quiz.
#[derive(Debug, Clone, PartialEq)]
pub struct QuizResult {
    /// Right answers.
    pub right: usize,
    /// Questions.
    pub total: usize,
    /// Whether the pass mark is reached.
    pub passed: bool,
    /// Each answer, in the questions' order.
    pub answers: Vec<AnswerResult>,
}

/// Name of the form field of question `index` (`q0`, `q1` …).
pub fn field_name(index: usize) -> String {
    format!("q{index}")
}

/// Scores `given` (one optional choice per question). Every question must be answered with
/// one of its choices: otherwise one error per question, on its field.
pub fn score(quiz: &Quiz, given: &[Option<usize>]) -> Result<QuizResult, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut answers = Vec::new();
    for (index, question) in quiz.questions.iter().enumerate() {
        match given.get(index).copied().flatten().filter(|choice| *choice < question.choices.len()) {
            Some(choice) => answers.push(AnswerResult { question: index, given: choice, right: choice == question.correct }),
            None => errors.push(FieldError { field: QUESTION_FIELDS.get(index).copied().unwrap_or("quiz"), key: "quiz-error-unanswered" }),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let right = answers.iter().filter(|a| a.right).count();
    let total = quiz.questions.len();
    Ok(QuizResult { right, total, passed: total > 0 && right >= quiz.pass_mark, answers })
}

/// Field names as static strings (errors carry `&'static str`); quizzes are short.
const QUESTION_FIELDS: [&str; 12] = ["q0", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "q11"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learning::model::QuizQuestion;

    fn quiz() -> Quiz {
        let question = |correct| QuizQuestion { text: "?".into(), choices: vec!["a".into(), "b".into()], correct, explanation: "!".into() };
        Quiz { pass_mark: 2, questions: vec![question(0), question(1), question(1)] }
    }

    #[test]
    fn a_quiz_passes_at_its_mark_and_every_question_needs_an_answer() {
        let passed = score(&quiz(), &[Some(0), Some(1), Some(0)]).expect("scored");
        assert_eq!((passed.right, passed.total, passed.passed), (2, 3, true));
        assert!(!passed.answers[2].right);
        let failed = score(&quiz(), &[Some(1), Some(1), Some(0)]).expect("scored");
        assert!(!failed.passed);
        let errors = score(&quiz(), &[Some(0), None, Some(7)]).expect_err("unanswered");
        assert_eq!(errors.iter().map(|e| e.field).collect::<Vec<_>>(), vec!["q1", "q2"]);
        assert_eq!(field_name(4), "q4");
    }
}
