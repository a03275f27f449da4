// `npm run token -- --role <role> --unit <unitCode> [--sub <id>] [--hours <n>]`: prints a
// development staff JWT signed with JWT_SECRET, and nothing else, so it can be captured:
//   TOKEN=$(npm run -s token -- --role unit_staff --unit P-SAIGON)
import { parseArgs } from 'node:util';
import { config } from '../config';
import { signStaffToken } from '../api/auth';
import { staffRoles, type StaffRole } from '../domain/roles';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      unit: { type: 'string' },
      sub: { type: 'string' },
      hours: { type: 'string', default: '12' },
    },
  });
  const role = values.role as StaffRole;
  if (!staffRoles.includes(role) || !values.unit) {
    throw new Error(
      `usage: npm run token -- --role <${staffRoles.join('|')}> --unit <unitCode> [--sub <id>] [--hours <n>]`,
    );
  }
  process.stdout.write(
    `${await signStaffToken(config, { sub: values.sub ?? `${role}@${values.unit}`, role, unit: values.unit }, `${Number(values.hours)}h`)}\n`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
