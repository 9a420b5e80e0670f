// Server-Sent Events over fetch: EventSource cannot send the X-API-Key header, and a key in the URL would end up in
// logs and the browser's history, so the stream is read as a response body and split into events here.
'use strict';

window.gitloreSse = {
  /** Calls onEvent(parsedJson) for each event's data; resolves when the stream ends; abort() stops it. */
  follow(url, key, onEvent, signal) {
    return fetch(url, {headers: {'X-API-Key': key, 'Accept': 'text/event-stream'}, signal})
      .then(async response => {
        if (!response.ok) {
          throw new Error(url + ': HTTP ' + response.status);
        }
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const {value, done} = await reader.read();
          if (done) {
            break;
          }
          buffer += value.replace(/\r\n/g, '\n');
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block.split('\n').filter(l => l.startsWith('data:'))
              .map(l => l.slice(5).replace(/^ /, '')).join('\n');
            if (data) {
              onEvent(JSON.parse(data));
            }
          }
        }
      });
  }
};
