import preset from '../../jest.preset.js';

// fastify's inject (light-my-request) requires cookie@2, which ships ESM only; jest's CommonJS
// loader cannot require it on Node 20, so that one package is transpiled to CommonJS.
export default {
  ...preset,
  transform: {
    ...preset.transform,
    '^.+/node_modules/cookie/.+\\.js$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!cookie/)'],
};
