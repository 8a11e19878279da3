/*
 * Partner Insights for host portals: frames the page and speaks its postMessage API
 * (spec/page.md). No dependencies; include it with a <script> tag.
 *
 *   const pi = PartnerInsights.embed(document.getElementById('insights'), {
 *     src: 'https://static.example.com/partner-insights/',  // where the page is hosted
 *     state: { view: 'customers', from: '2025-11', to: '2026-10' },
 *     theme: 'dark',
 *     onReady() {}, onState(state) {}, onLoaded(files, asOf) {}, onError(message) {},
 *   });
 *   pi.setState({ view: 'adoption' });
 *   pi.setTheme('light');
 *   pi.load([{ name: 'subscriptions.json', bytes: arrayBuffer }]);  // replaces the data
 *
 * Messages go only to the page's origin and are accepted only from it (and from the frame),
 * each with `version: 1`; the page checks the same of this host through `parentOrigin`.
 */
(function (global) {
  'use strict';

  var VERSION = 1;

  function paramValue(v) {
    return Array.isArray(v) ? v.join(',') : String(v);
  }

  function embed(container, options) {
    options = options || {};
    var src = new URL(options.src || './', document.baseURI);
    var pageOrigin = src.origin;
    var state = options.state || {};
    Object.keys(state).forEach(function (k) {
      if (state[k] !== null && state[k] !== undefined) src.searchParams.set(k, paramValue(state[k]));
    });
    if (options.theme) src.searchParams.set('theme', options.theme);
    src.searchParams.set('embed', '1');
    src.searchParams.set('parentOrigin', options.parentOrigin || global.location.origin);

    var iframe = document.createElement('iframe');
    iframe.src = src.href;
    iframe.title = options.title || 'Partner Insights';
    iframe.style.width = '100%';
    iframe.style.border = '0';
    iframe.style.display = 'block';
    iframe.style.height = (options.minHeight || 640) + 'px';
    container.appendChild(iframe);

    var ready = false;
    var queue = [];

    function post(msg, transfer) {
      msg.version = VERSION;
      if (!ready) {
        queue.push([msg, transfer]);
        return;
      }
      iframe.contentWindow.postMessage(msg, pageOrigin, transfer || []);
    }

    function call(name) {
      var f = options[name];
      if (typeof f === 'function') f.apply(null, Array.prototype.slice.call(arguments, 1));
    }

    function onMessage(e) {
      if (e.origin !== pageOrigin || e.source !== iframe.contentWindow) return;
      var m = e.data;
      if (!m || typeof m !== 'object' || m.version !== VERSION || typeof m.type !== 'string') return;
      switch (m.type) {
        case 'pi:ready':
          ready = true;
          queue.splice(0).forEach(function (q) { post(q[0], q[1]); });
          call('onReady');
          break;
        case 'pi:resize':
          if (options.autoResize !== false && isFinite(m.height) && m.height > 0) {
            iframe.style.height = Math.ceil(m.height) + 'px';
          }
          call('onResize', m.height);
          break;
        case 'pi:state':
          call('onState', m.state);
          break;
        case 'pi:loaded':
          call('onLoaded', m.files, m.as_of);
          break;
        case 'pi:error':
          call('onError', m.message);
          break;
        default:
          break;
      }
      call('onMessage', m);
    }

    global.addEventListener('message', onMessage);

    return {
      iframe: iframe,
      setState: function (s) { post({ type: 'pi:set-state', state: s }); },
      setTheme: function (t) { post({ type: 'pi:set-theme', theme: t }); },
      /** files: [{name, text}] or [{name, bytes: ArrayBuffer}] (the buffers are transferred). */
      load: function (files) {
        var transfer = files
          .map(function (f) { return f.bytes; })
          .filter(function (b) { return b instanceof ArrayBuffer; });
        post({ type: 'pi:load', files: files }, transfer);
      },
      destroy: function () {
        global.removeEventListener('message', onMessage);
        iframe.remove();
      },
    };
  }

  global.PartnerInsights = { embed: embed, version: VERSION };
})(window);
