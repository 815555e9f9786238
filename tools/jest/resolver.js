// middy 7 is ESM-only and Jest's CommonJS resolver has no `import` condition. Add it for
// @middy/* alone: adding it globally (customExportConditions) breaks other packages.
module.exports = (path, options) => {
  if (path.startsWith('@middy/')) {
    return options.defaultResolver(path, {
      ...options,
      conditionNames: ['import', 'node', 'default'],
    });
  }
  return options.defaultResolver(path, options);
};
