// The console's only script besides htmx: no inline script anywhere (CSP script-src 'self').
'use strict';

// Copy buttons: <button data-copy="element-id">, for one-time secrets.
document.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-copy]');
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  try {
    await navigator.clipboard.writeText(source.textContent.trim());
    button.textContent = 'Copied';
  } catch (e) {
    window.getSelection().selectAllChildren(source);
    button.textContent = 'Selected: press Ctrl+C';
  }
});

// A refused htmx form: the API's error body. Its message goes on top of the form, each detail next to the input it
// names (as text, never as HTML).
document.addEventListener('htmx:responseError', (event) => {
  const form = event.detail.elt.closest('form');
  if (!form) return;
  form.querySelectorAll('.field-error, p.error').forEach((old) => old.remove());
  let body;
  try { body = JSON.parse(event.detail.xhr.responseText); } catch (e) { body = { message: 'The request failed (' + event.detail.xhr.status + ')' }; }
  const top = document.createElement('p');
  top.className = 'error';
  top.setAttribute('role', 'alert');
  top.textContent = body.message || 'The request failed';
  form.prepend(top);
  (body.details || []).forEach((detail) => {
    const input = detail.param && form.querySelector('[name="' + CSS.escape(detail.param) + '"]');
    if (!input) { top.textContent += ' — ' + (detail.param ? detail.param + ': ' : '') + detail.msg; return; }
    const note = document.createElement('span');
    note.className = 'field-error';
    note.textContent = detail.msg;
    input.closest('label') ? input.closest('label').append(note) : input.after(note);
  });
});

// The events page's live tail: <tbody data-tail="/console/events/stream?…"> receives each event as a new first row.
document.addEventListener('DOMContentLoaded', () => {
  const tail = document.querySelector('[data-tail]');
  if (!tail) return;
  const status = document.getElementById('tail-status');
  const stream = new EventSource(tail.dataset.tail);
  stream.onopen = () => { status.textContent = 'Live: new events appear at the top.'; };
  stream.onerror = () => { status.textContent = 'Reconnecting…'; };
  stream.onmessage = (message) => addRow(JSON.parse(message.data));
  stream.addEventListener('event', (message) => addRow(JSON.parse(message.data)));
  function addRow(e) {
    const row = document.createElement('tr');
    // as the server prints times: to the second, UTC
    [e.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z'), e.type, e.actor || '', e.tenantId || '', e.errorCode || ''].forEach((value, i) => {
      const cell = document.createElement('td');
      cell.textContent = value;
      if (i > 0 && i < 4) cell.className = 'mono';
      row.append(cell);
    });
    tail.prepend(row);
    while (tail.rows.length > 200) tail.deleteRow(-1);
  }
});
