// Stands in for the `form-data` package in function bundles (infra/bundling.ts). axios imports it
// to build multipart bodies from plain objects; Node's own FormData does that job (axios streams a
// spec-compliant FormData itself), and the package would bring mime-db (134 KiB) into every bundle.
export default globalThis.FormData;
