// The page needs its query (the test's tenant): rendered in the browser only.
export const ssr = false;
