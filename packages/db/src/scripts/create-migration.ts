/**
 * Generates a migration from the difference between the entities and the
 * committed snapshot, against a throw-away embedded PostgreSQL, and lists it
 * in migrations/index.ts. Usage: pnpm db:migration:create [name]
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { startTestCluster, prepareTemplate, replaceDatabase, TEMPLATE_DATABASE } from '@gatehouse/embedded-postgres';
import { migrate, MIGRATIONS_DIR, openOrm } from '../orm.ts';

const name = process.argv[2];
const cluster = await startTestCluster();
try {
  await prepareTemplate(cluster.adminUrl, async () => {});
  const orm = await openOrm({ databaseUrl: replaceDatabase(cluster.adminUrl, TEMPLATE_DATABASE) });
  try {
    await migrate(orm);
    const result = await orm.migrator.create(MIGRATIONS_DIR, false, false, name);
    if (!result.fileName) {
      console.log('The entities match the migrations: nothing to generate.');
    } else {
      console.log(`Created ${result.fileName}`);
    }
  } finally {
    await orm.close();
  }
  const files = (await readdir(MIGRATIONS_DIR)).filter((file) => file.startsWith('migration-') && file.endsWith('.ts')).sort();
  const classes = await Promise.all(files.map(async (file) => classNameIn(await readFile(`${MIGRATIONS_DIR}/${file}`, 'utf8'), file)));
  const imports = files.map((file, i) => `import { ${classes[i]} as m${i} } from './${file}';`).join('\n');
  const list = files.map((file, i) => `  { name: '${file.replace(/\.ts$/, '')}', class: m${i} },`).join('\n');
  await writeFile(
    `${MIGRATIONS_DIR}/index.ts`,
    `// Every migration, in order. \`pnpm db:migration:create\` regenerates this list.\n${imports}\n\nexport const MIGRATIONS = [\n${list}\n];\n`,
  );
} finally {
  await cluster.stop();
}

function classNameIn(source: string, file: string): string {
  const match = /export class (\w+)/.exec(source);
  if (!match?.[1]) throw new Error(`${file} exports no migration class`);
  return match[1];
}
