// Public pages of record: plain server-rendered HTML, readable without JavaScript and light.
export const csr = false;
