/** @type {import('prettier').Config} */
export default {
  singleQuote: true,
  trailingComma: 'all',
  arrowParens: 'avoid',
  printWidth: 100,
};
