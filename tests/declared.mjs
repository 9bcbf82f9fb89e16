// Prints, as JSON, what the JavaScript and TypeScript sources declare about the error and the
// options, read the way JavaScript and TypeScript read them: npm/is-error.js is imported,
// src/wasm/types.d.ts is type-checked by the TypeScript compiler, www/app.js and npm/element.js
// are parsed by it.
// tests/declared.rs compares the result with the Rust sources of truth (ErrorKind, the table
// of options). Run from the repository root: `node tests/declared.mjs`.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const guard = await import(pathToFileURL(path.join(root, "npm/is-error.js")).href);

// The declarations, checked with the DOM types they name (AbortSignal, RequestInit, Response).
const typesFile = path.join(root, "src/wasm/types.d.ts");
const program = ts.createProgram([typesFile], {
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  strict: true,
  noEmit: true,
});
const problems = ts.getPreEmitDiagnostics(program);
if (problems.length > 0) {
  throw new Error(ts.formatDiagnostics(problems, ts.createCompilerHost({})));
}
const checker = program.getTypeChecker();
const exports = new Map(
  checker
    .getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(typesFile)))
    .map((symbol) => [symbol.name, symbol]),
);
const declaredType = (name) => {
  const symbol = exports.get(name);
  if (!symbol) throw new Error(`types.d.ts does not export ${name}`);
  return checker.getDeclaredTypeOfSymbol(symbol);
};

/** A property's type as the Rust table names it (string, boolean, number, AbortSignal, function):
 * a union of string literals is a string. Other types as TypeScript writes them. */
function typeName(type) {
  const defined = checker.getNonNullableType(type);
  if (defined.getCallSignatures().length > 0) return "function";
  for (const [name, primitive] of [
    ["string", checker.getStringType()],
    ["boolean", checker.getBooleanType()],
    ["number", checker.getNumberType()],
  ]) {
    if (checker.isTypeAssignableTo(defined, primitive) && !defined.isStringLiteral()) return name;
  }
  return checker.typeToString(defined);
}

/** Every property of a type (all members of a union), with its type and whether it may be left out. */
function properties(type, own = false) {
  const symbols = own
    ? type.symbol.declarations.flatMap((declaration) => declaration.members.map((m) => checker.getSymbolAtLocation(m.name)))
    : checker.getPropertiesOfType(type);
  return Object.fromEntries(
    symbols.map((symbol) => [
      symbol.name,
      {
        type: typeName(checker.getTypeOfSymbol(symbol)),
        optional: (symbol.flags & ts.SymbolFlags.Optional) !== 0,
      },
    ]),
  );
}

const kindType = declaredType("LoginRadiusErrorKind");

/** The top-level `const name = {…}` of `file`, parsed as TypeScript parses it. */
function topLevelObject(file, name) {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (declaration.name.text === name && ts.isObjectLiteralExpression(declaration.initializer)) return declaration.initializer;
    }
  }
  throw new Error(`${file} has no top-level object ${name}`);
}

/** A property's name, written as an identifier or as a string. */
const propertyName = (property) => property.name.text;

// The options the demo's settings set (SETTING_NAMES in www/app.js), and the send options the
// element's delivery attributes set, with the identifier kinds each is sent for (DELIVERY in
// npm/element.js).
const demoSettings = topLevelObject(path.join(root, "www/app.js"), "SETTING_NAMES").properties.map(propertyName);
const elementDelivery = topLevelObject(path.join(root, "npm/element.js"), "DELIVERY").properties.map((attribute) => {
  const fields = Object.fromEntries(attribute.initializer.properties.map((field) => [propertyName(field), field.initializer]));
  return {
    attribute: propertyName(attribute),
    option: fields.option.text,
    kinds: fields.kinds.elements.map((kind) => kind.text),
  };
});

console.log(
  JSON.stringify({
    guard: { name: guard.ERROR_NAME, kinds: guard.ERROR_KINDS },
    errorKinds: kindType.types.map((member) => member.value),
    errorInterface: properties(declaredType("LoginRadiusError"), true),
    options: {
      resetPinWithOtp: properties(declaredType("ResetPinWithOtpOptions")),
      sendResetPinOtp: properties(declaredType("SendResetPinOtpOptions")),
      resetPinWithToken: properties(declaredType("ResetPinWithTokenOptions")),
    },
    demo: { settings: demoSettings },
    element: { delivery: elementDelivery },
  }),
);
