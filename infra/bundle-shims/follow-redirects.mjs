// Stands in for `follow-redirects` in function bundles (infra/bundling.ts). axios takes it only for
// a request with redirects allowed; vendor HTTP sets `maxRedirects: 0` (a vendor never gets to send
// the API key on to another host), so a request that asks for redirects fails rather than follows.
const refuse = () => {
  throw new Error('redirects are not followed: vendor HTTP is built with maxRedirects 0');
};
export default { http: { request: refuse }, https: { request: refuse } };
