// The DEN website widget: a small, accessible chat on Rasa's socket.io channel.
// Needs socket.io-client 4 (window.io, /static/vendor/socket.io.min.js) and a root element:
//   <div id="den-chat" data-socket-url="http://localhost:5005" data-socket-path="/socket.io/"></div>
// The conversation id (Rasa's session_id) and the transcript stay in localStorage, so a reload
// shows the conversation so far and goes on with it (session_persistence: true in credentials.yml).
(function () {
  "use strict";

  var MAX_CHARS = 2000;
  var KEEP_ENTRIES = 200;
  var REPLY_TIMEOUT_MS = 30000;
  var KEY = "den-chat:";
  var TEXT = {
    launcher: "Chat met de DEN-assistent",
    title: "DEN-adviesassistent",
    subtitle: "Een computerprogramma, geen mens",
    close: "Chat sluiten",
    human: "Praat met een adviseur",
    humanSays: "Ik wil met een adviseur praten",
    restart: "Nieuw gesprek",
    log: "Gesprek met de DEN-adviesassistent",
    you: "Jij: ",
    bot: "DEN-assistent: ",
    replies: "Kies een antwoord",
    label: "Je bericht",
    send: "Verstuur",
    typing: "De assistent typt…",
    offline: "Geen verbinding met de assistent. We proberen het opnieuw…",
    noReply: "Het antwoord blijft uit. Probeer het zo nog eens.",
    tooLong: "Je bericht is te lang: maximaal " + MAX_CHARS + " tekens.",
    newTab: " (opent in een nieuw tabblad)",
    chart: "Radargrafiek van jullie digitale profiel: de score per onderdeel, van 1 tot 5. " +
      "De cijfers staan ook op de resultatenpagina.",
    image: "Afbeelding van de DEN-assistent",
    storage: "Dit gesprek wordt ook in deze browser bewaard, zodat je na het herladen verder " +
      "kunt. Met ‘Nieuw gesprek’ wis je het hier."
  };

  var root = document.getElementById("den-chat");
  if (!root || typeof window.io !== "function") { return; }

  // ---- storage (never fatal: private mode or a full quota just means no memory) ----
  function load(name, fallback) {
    try {
      var value = window.localStorage.getItem(KEY + name);
      return value === null ? fallback : JSON.parse(value);
    } catch (e) { return fallback; }
  }
  function save(name, value) {
    try { window.localStorage.setItem(KEY + name, JSON.stringify(value)); } catch (e) { /* ignore */ }
  }
  function forget(name) {
    try { window.localStorage.removeItem(KEY + name); } catch (e) { /* ignore */ }
  }

  var sessionId = load("session", null);
  var transcript = load("transcript", []);
  if (!Array.isArray(transcript)) { transcript = []; }

  // ---- DOM ----
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") { node.textContent = attrs[name]; }
      else if (name === "hidden") { node.hidden = Boolean(attrs[name]); }
      else { node.setAttribute(name, attrs[name]); }
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }
  function bubbleIcon() {  // a speech bubble; inline SVG needs no icon font or emoji font
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "22");
    svg.setAttribute("height", "22");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z");
    path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
    return svg;
  }
  function hiddenText(text) { return el("span", { "class": "den-visually-hidden", text: text }); }

  var launcher = el("button", {
    type: "button", "class": "den-chat__launcher", "aria-expanded": "false",
    "aria-controls": "den-chat-panel"
  }, [bubbleIcon(), el("span", { text: TEXT.launcher })]);
  var closeButton = el("button", { type: "button", "class": "den-chat__close" },
    [el("span", { "aria-hidden": "true", text: "×" }), hiddenText(TEXT.close)]);
  var humanButton = el("button", { type: "button", "class": "den-chat__tool", text: TEXT.human });
  var restartButton = el("button", { type: "button", "class": "den-chat__tool", text: TEXT.restart });
  var log = el("div", {
    "class": "den-chat__log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
    "aria-label": TEXT.log, tabindex: "0"
  });
  var typing = el("p", { "class": "den-chat__typing", role: "status" });
  var status = el("p", { "class": "den-chat__status", role: "status" });
  var input = el("input", {
    id: "den-chat-input", type: "text", name: "message", autocomplete: "off",
    maxlength: String(MAX_CHARS), "aria-describedby": "den-chat-storage"
  });
  var form = el("form", { "class": "den-chat__composer" }, [
    el("label", { "for": "den-chat-input", text: TEXT.label }),
    el("div", { "class": "den-chat__row" }, [
      input,
      el("button", { type: "submit", "class": "den-chat__send", text: TEXT.send })
    ])
  ]);
  var panel = el("section", {
    id: "den-chat-panel", "class": "den-chat__panel", role: "dialog",
    "aria-labelledby": "den-chat-title", hidden: true
  }, [
    el("div", { "class": "den-chat__header" }, [
      el("div", {}, [
        el("h2", { id: "den-chat-title", "class": "den-chat__title", text: TEXT.title }),
        el("p", { "class": "den-chat__subtitle", text: TEXT.subtitle })
      ]),
      closeButton
    ]),
    el("div", { "class": "den-chat__tools" }, [humanButton, restartButton]),
    log,
    typing,
    status,
    form,
    el("p", { id: "den-chat-storage", "class": "den-chat__storage", text: TEXT.storage })
  ]);
  root.classList.add("den-chat");
  root.appendChild(panel);
  root.appendChild(launcher);

  // ---- rendering ----
  var URL_PATTERN = /https?:\/\/[^\s<>"]+/g;

  function appendLinked(parent, text) {
    var last = 0;
    text.replace(URL_PATTERN, function (match, offset) {
      var url = match.replace(/[.,;:!?)'’]+$/, "");
      parent.appendChild(document.createTextNode(text.slice(last, offset)));
      var link = el("a", { href: url, target: "_blank", rel: "noopener noreferrer" },
        [document.createTextNode(url), hiddenText(TEXT.newTab)]);
      parent.appendChild(link);
      last = offset + url.length;
      return match;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function scrollDown() { log.scrollTop = log.scrollHeight; }

  function renderMessage(entry) {
    var who = entry.from === "user" ? "user" : "bot";
    var bubble = el("div", { "class": "den-chat__msg den-chat__msg--" + who },
      [hiddenText(who === "user" ? TEXT.you : TEXT.bot)]);
    if (entry.text) {
      var body = el("span", { "class": "den-chat__text" });
      appendLinked(body, entry.text);
      bubble.appendChild(body);
    }
    if (entry.image) {
      var isChart = /\/chart\.png(\?|$)/.test(entry.image);
      bubble.appendChild(el("img", {
        src: entry.image, alt: isChart ? TEXT.chart : TEXT.image, "class": "den-chat__image",
        width: "480", height: "480"
      }));
    }
    log.appendChild(bubble);
    return bubble;
  }

  function renderReplies(replies, index) {
    var group = el("div", { "class": "den-chat__replies", role: "group", "aria-label": TEXT.replies });
    replies.forEach(function (reply) {
      var button = el("button", { type: "button", "class": "den-chat__reply", text: reply.title });
      button.addEventListener("click", function () {
        transcript[index].used = true;
        group.remove();
        focusNextReplies = true;
        input.focus();  // never leave focus on a removed button
        send(reply.payload, reply.title);
      });
      group.appendChild(button);
    });
    log.appendChild(group);
    return group;
  }

  function removeOpenReplies() {
    Array.prototype.forEach.call(log.querySelectorAll(".den-chat__replies"), function (group) {
      group.remove();
    });
    transcript.forEach(function (entry) { if (entry.replies) { entry.used = true; } });
  }

  function remember(entry) {
    transcript.push(entry);
    if (transcript.length > KEEP_ENTRIES) { transcript = transcript.slice(-KEEP_ENTRIES); }
    save("transcript", transcript);
    return transcript.length - 1;
  }

  // ---- conversation ----
  var focusNextReplies = false;
  var replyTimer = null;
  var socket = null;

  function showTyping(on) {
    typing.textContent = on ? TEXT.typing : "";
    typing.classList.toggle("den-chat__typing--on", on);
    window.clearTimeout(replyTimer);
    if (on) {
      replyTimer = window.setTimeout(function () {
        typing.textContent = "";
        status.textContent = TEXT.noReply;
      }, REPLY_TIMEOUT_MS);
    }
  }

  function send(message, shown) {
    removeOpenReplies();
    if (shown !== null) {
      var entry = { from: "user", text: shown || message };
      remember(entry);
      renderMessage(entry);
      scrollDown();
    }
    status.textContent = "";
    showTyping(true);
    socket.emit("user_uttered", { message: message, session_id: sessionId });
  }

  function receive(message) {
    if (!message || typeof message !== "object") { return; }
    showTyping(false);
    var entry = { from: "bot" };
    if (typeof message.text === "string") { entry.text = message.text; }
    var attachment = message.attachment;
    if (attachment && attachment.type === "image" && attachment.payload && attachment.payload.src) {
      entry.image = String(attachment.payload.src);
    }
    var replies = (message.quick_replies || message.buttons || []).filter(function (r) {
      return r && r.title && r.payload;
    }).map(function (r) { return { title: String(r.title), payload: String(r.payload) }; });
    if (replies.length) { entry.replies = replies; }
    if (!entry.text && !entry.image && !entry.replies) { return; }
    var index = remember(entry);
    renderMessage(entry);
    if (entry.replies) {
      var group = renderReplies(entry.replies, index);
      if (focusNextReplies && !panel.hidden) { group.querySelector("button").focus(); }
    }
    focusNextReplies = false;
    scrollDown();
  }

  function restore() {
    transcript.forEach(function (entry, index) {
      renderMessage(entry);
      if (entry.replies && !entry.used) { renderReplies(entry.replies, index); }
    });
    scrollDown();
  }

  function connect() {
    socket = window.io(root.getAttribute("data-socket-url") || undefined, {
      path: root.getAttribute("data-socket-path") || "/socket.io/",
      transports: ["websocket", "polling"]
    });
    socket.on("connect", function () {
      status.textContent = "";
      socket.emit("session_request", { session_id: sessionId });
    });
    socket.on("session_confirm", function (confirmed) {
      var id = typeof confirmed === "string" ? confirmed : (confirmed && confirmed.session_id);
      if (!id) { return; }
      if (sessionId && id !== sessionId) {  // the server did not accept the stored id
        transcript = [];
        log.textContent = "";
      }
      sessionId = id;
      save("session", sessionId);
      if (!transcript.length) { send("/greet", null); }
    });
    socket.on("bot_uttered", receive);
    socket.on("disconnect", function () { status.textContent = TEXT.offline; showTyping(false); });
    socket.on("connect_error", function () { status.textContent = TEXT.offline; });
  }

  // ---- opening, closing, tools ----
  function open(focus) {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    launcher.hidden = true;
    save("open", true);
    if (!socket) { connect(); }
    scrollDown();
    if (focus) { input.focus(); }
  }
  function close() {
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute("aria-expanded", "false");
    save("open", false);
    launcher.focus();
  }

  launcher.addEventListener("click", function () { open(true); });
  closeButton.addEventListener("click", close);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); close(); }
  });
  humanButton.addEventListener("click", function () {
    send("/request_human", TEXT.humanSays);
    input.focus();
  });
  restartButton.addEventListener("click", function () {
    transcript = [];
    forget("transcript");
    forget("session");
    sessionId = null;
    log.textContent = "";
    status.textContent = "";
    showTyping(false);
    // A fresh connection: answers still on their way for the old conversation go to the old
    // connection and can no longer land in (and so block the greeting of) the new one.
    if (socket) { socket.off(); socket.disconnect(); socket = null; }
    connect();
    input.focus();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { input.focus(); return; }
    if (text.length > MAX_CHARS) { status.textContent = TEXT.tooLong; return; }
    input.value = "";
    focusNextReplies = false;
    send(text);
  });
  // Other elements on the page can open the chat: <button data-den-chat-open>.
  Array.prototype.forEach.call(document.querySelectorAll("[data-den-chat-open]"), function (node) {
    node.addEventListener("click", function (event) { event.preventDefault(); open(true); });
  });

  restore();
  if (load("open", false)) { open(false); }
}());
