import { escapeHtml, html, SafeHtml, textToHtml } from './html';

describe('html', () => {
  it('escapes every interpolated string', () => {
    const name = `<script>alert("x")</script> & 'friends'`;
    expect(html`<p>${name}</p>`.value).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;friends&#39;</p>',
    );
  });

  it('keeps SafeHtml, lists and numbers, and drops null', () => {
    const inner = html`<b>${'a<b'}</b>`;
    expect(html`<div>${inner}${[html`<i>1</i>`, '<2>']}${3}${null}</div>`.value).toBe(
      '<div><b>a&lt;b</b><i>1</i>&lt;2&gt;3</div>',
    );
  });

  it('turns user text into escaped lines', () => {
    expect(textToHtml('Hi <b>\r\nthere\n& bye').value).toBe('Hi &lt;b&gt;<br>\nthere<br>\n&amp; bye');
    expect(textToHtml('x')).toBeInstanceOf(SafeHtml);
    expect(escapeHtml('"')).toBe('&quot;');
  });
});
