// What `make proof`'s scenarios share.

/** Signs the organiser in; the session cookie (`village-session=…`). */
export async function signIn(base, email, password) {
  const body = new URLSearchParams({ email, password });
  const answer = await fetch(`${base}/organisers/login`, { method: "POST", body, redirect: "manual" });
  const cookie = (answer.headers.getSetCookie?.() ?? []).find((c) => c.includes("village-session="));
  if (answer.status !== 303 || !cookie) throw new Error(`sign-in failed: ${answer.status}`);
  return cookie.split(";")[0];
}
