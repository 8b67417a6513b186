// The simple full-page chat (/chat) on Rasa's REST channel (via /api/chat). The conversation
// id is the server's, in an HttpOnly cookie this script cannot read; the transcript stays in
// localStorage. The website widget (static/widget/, socket.io) is on /.
(function () {
  "use strict";
  var log = document.getElementById("log");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var typing = document.getElementById("typing");
  var key = "den-chat-sender";
  localStorage.removeItem(key);  // the id the page used to choose itself (before the cookie)

  // The transcript survives a page reload (the conversation itself lives in Rasa's tracker).
  var transcriptKey = key + "-transcript";
  var transcript = JSON.parse(localStorage.getItem(transcriptKey) || "[]");

  function remember(entry) {
    transcript.push(entry);
    transcript = transcript.slice(-200);
    localStorage.setItem(transcriptKey, JSON.stringify(transcript));
  }

  function add(role, text) {
    var div = document.createElement("div");
    div.className = "msg " + role;
    div.textContent = text;
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
    return div;
  }

  function addImage(url) {
    var div = document.createElement("div");
    div.className = "msg bot";
    var img = document.createElement("img");
    img.src = url;
    img.alt = "Radargrafiek van jullie digitale profiel";
    div.appendChild(img);
    log.appendChild(div);
  }

  function addButtons(buttons, focus) {
    var wrap = document.createElement("div");
    wrap.className = "buttons";
    buttons.forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = b.title;
      button.addEventListener("click", function () {
        wrap.remove();
        remember({ role: "buttons-used" });
        send(b.payload, b.title);
      });
      wrap.appendChild(button);
    });
    log.appendChild(wrap);
    var first = wrap.querySelector("button");
    if (first && focus !== false) { first.focus(); }
  }

  function send(message, shown) {
    add("user", shown || message);
    remember({ role: "user", text: shown || message });
    typing.hidden = false;
    fetch("/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify({ message: message })
    }).then(function (r) { return r.json(); }).then(function (replies) {
      typing.hidden = true;
      replies.forEach(function (reply) {
        if (reply.text) { add("bot", reply.text); }
        if (reply.image) { addImage(reply.image); }
        if (reply.buttons && reply.buttons.length) { addButtons(reply.buttons); }
        remember({ role: "bot", text: reply.text, image: reply.image, buttons: reply.buttons });
      });
      log.scrollTop = log.scrollHeight;
    }).catch(function () {
      typing.hidden = true;
      add("bot", "Er ging iets mis met de verbinding. Probeer het zo nog eens.");
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    send(text);
  });

  function restore() {
    var lastButtons = -1;
    transcript.forEach(function (entry, index) {
      if (entry.role === "bot" && entry.buttons && entry.buttons.length) { lastButtons = index; }
      if (entry.role === "user" || entry.role === "buttons-used") { lastButtons = -1; }
    });
    transcript.forEach(function (entry, index) {
      if (entry.role === "user") { add("user", entry.text); }
      if (entry.role === "bot") {
        if (entry.text) { add("bot", entry.text); }
        if (entry.image) { addImage(entry.image); }
        if (index === lastButtons) { addButtons(entry.buttons, false); }
      }
    });
  }

  if (transcript.length) {
    restore();
  } else {
    send("/greet", "Hallo");
  }
}());
