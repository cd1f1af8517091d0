/* Self-check quizzes: instant feedback, the page that explains the answer, and a score.
   Everything happens in the page; nothing is stored or sent. */
(function () {
  "use strict";

  function setup(form) {
    var questions = Array.prototype.slice.call(form.querySelectorAll("[data-answer]"));

    function score() {
      var answered = 0;
      var correct = 0;
      questions.forEach(function (question) {
        var chosen = question.querySelector("input:checked");
        if (!chosen) return;
        answered += 1;
        if (chosen.value === question.dataset.answer) correct += 1;
      });
      form.querySelector("[data-quiz-answered]").textContent = String(answered);
      form.querySelector("[data-quiz-correct]").textContent = String(correct);
    }

    form.addEventListener("change", function (event) {
      var question = event.target.closest("[data-answer]");
      if (!question) return;
      var right = event.target.value === question.dataset.answer;
      var feedback = question.querySelector("[data-quiz-feedback]");
      question.classList.toggle("quiz__question--right", right);
      question.classList.toggle("quiz__question--wrong", !right);
      question.querySelectorAll("input").forEach(function (input) {
        input.closest("label").classList.toggle("quiz__option--answer", input.value === question.dataset.answer);
      });
      feedback.querySelector("[data-quiz-verdict]").textContent = right ? form.dataset.msgCorrect : form.dataset.msgWrong;
      feedback.hidden = false;
      score();
    });

    form.addEventListener("reset", function () {
      setTimeout(function () { /* after the browser has cleared the radios */
        questions.forEach(function (question) {
          question.classList.remove("quiz__question--right", "quiz__question--wrong");
          question.querySelector("[data-quiz-feedback]").hidden = true;
          question.querySelectorAll("label").forEach(function (label) {
            label.classList.remove("quiz__option--answer");
          });
        });
        score();
      }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    score();
  }

  function init() {
    document.querySelectorAll("form[data-quiz]").forEach(function (form) {
      if (!form.dataset.ready) {
        form.dataset.ready = "true";
        setup(form);
      }
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
