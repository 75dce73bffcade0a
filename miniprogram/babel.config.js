// Taro's preset compiles the pages (TypeScript + JSX for Preact) for both weapp and h5.
module.exports = {
  presets: [['taro', { framework: 'preact', ts: true, compiler: 'webpack5' }]],
};
