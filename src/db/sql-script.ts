// A script of SQL statements (as a tool prints it: `a; b; c;`) split into its statements, for the
// drivers that run one statement at a time (PGlite's extended protocol, MikroORM's migrations).
// A `;` inside a quoted string, a quoted name or a dollar-quoted body ($$ … $$, $cmd$ … $cmd$)
// does not end a statement; the scripts split here carry no comments.

export function sqlStatements(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  while (i < script.length) {
    const char = script[i]!;
    if (char === "'" || char === '"') {
      const end = script.indexOf(char, i + 1);
      if (end < 0) throw new Error(`unterminated ${char} at ${i}`);
      i = end + 1;
      continue;
    }
    if (char === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(script.slice(i))?.[0];
      if (tag) {
        const end = script.indexOf(tag, i + tag.length);
        if (end < 0) throw new Error(`unterminated ${tag} at ${i}`);
        i = end + tag.length;
        continue;
      }
    }
    if (char === ';') {
      const statement = script.slice(start, i).trim();
      if (statement) statements.push(statement);
      start = i + 1;
    }
    i++;
  }
  const last = script.slice(start).trim();
  if (last) statements.push(last);
  return statements;
}
