// Runs the @nestjs/swagger CLI plugin inside ts-jest (the same options as nest-cli.json), so tests see the
// OpenAPI document that `nest build` produces.
const plugin = require('@nestjs/swagger/plugin');

module.exports.name = 'nestjs-swagger-plugin';
module.exports.version = 1;
module.exports.factory = (compiler) =>
  plugin.before(
    { introspectComments: true, classValidatorShim: true, dtoFileNameSuffix: ['.dto.ts', '/contracts/'] },
    compiler.program,
  );
