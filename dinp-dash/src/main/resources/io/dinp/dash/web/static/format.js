// How numbers and times read on the dashboard.

export function mb(n) {
  if (n == null) return '–';
  return n >= 1024 ? (n / 1024).toFixed(n % 1024 ? 1 : 0) + ' GB' : n + ' MB';
}

export function duration(ms) {
  if (ms == null || isNaN(ms)) return '–';
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return s + 's';
  const m = Math.floor(s / 60);
  if (m < 60) return m + 'm ' + (s % 60) + 's';
  const hr = Math.floor(m / 60);
  if (hr < 48) return hr + 'h ' + (m % 60) + 'm';
  return Math.floor(hr / 24) + 'd ' + (hr % 24) + 'h';
}

/** "4m 10s" since an ISO time. */
export function since(iso) {
  return iso ? duration(Date.now() - Date.parse(iso)) : '–';
}

export function ago(iso) {
  return iso ? since(iso) + ' ago' : '–';
}

export function when(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return isNaN(d) ? String(iso) : d.toLocaleString();
}

export function num(v, digits = 1) {
  if (v == null || isNaN(v)) return '–';
  return Number(v).toFixed(v >= 100 ? 0 : digits);
}

/** The part of an image reference worth showing: the digest shortened. */
export function shortImage(image) {
  if (!image) return '–';
  const at = image.indexOf('@sha256:');
  return at < 0 ? image : image.slice(0, at) + '@' + image.slice(at + 8, at + 20);
}
