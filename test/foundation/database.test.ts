import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { QueryFailedError } from 'typeorm';
import { Conversation, Message, User, WhatsappAccount, runMigrations } from '../../entities';
import { decryptSecret, encryptSecret, parseEncryptionKey } from '../../platform/secrets';
import { startTestDatabase, type TestDatabase } from '../support/database';

let db: TestDatabase;
before(async () => {
  db = await startTestDatabase();
});
after(() => db?.stop());

const key = parseEncryptionKey('11'.repeat(32)) as Buffer;

async function createUser(username: string): Promise<User> {
  return db.dataSource
    .getRepository(User)
    .save({ username, displayName: username, passwordHash: 'scrypt$unused', role: 'user' });
}

async function createAccount(
  userId: string,
  phoneNumberId: string,
  token = 'token',
): Promise<WhatsappAccount> {
  return db.dataSource.getRepository(WhatsappAccount).save({
    userId,
    phoneNumberId,
    displayPhoneNumber: '+15550001111',
    accessTokenEncrypted: encryptSecret(token, key),
  });
}

function uniqueViolation(constraint: string) {
  return (error: unknown) =>
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string; constraint?: string }).code === '23505' &&
    (error.driverError as { constraint?: string }).constraint === constraint;
}

test('migrations created every table and are recorded, so a second run applies nothing', async () => {
  const tables = await db.dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  assert.deepEqual(
    tables.map((row: { table_name: string }) => row.table_name),
    [
      'api_clients',
      'campaign_recipients',
      'campaigns',
      'contacts',
      'conversations',
      'flow_revisions',
      'flows',
      'idempotency_keys',
      'messages',
      'migrations',
      'node_events',
      'template_groups',
      'used_flow_signatures',
      'users',
      'webhook_deliveries',
      'webhook_endpoints',
      'whatsapp_accounts',
    ],
  );
  assert.deepEqual(await runMigrations(db.dataSource), []);
});

test('usernames are unique regardless of case', async () => {
  await createUser('Maria');
  await assert.rejects(createUser('maria'), uniqueViolation('users_username_lower_unique'));
  await assert.rejects(createUser('Maria'), uniqueViolation('users_username_lower_unique'));
});

test('one open conversation per business number and customer phone; ended ones do not count', async () => {
  const user = await createUser('conversation-owner');
  const account = await createAccount(user.id, 'pn-conversations');
  const other = await createAccount(user.id, 'pn-other');
  const conversations = db.dataSource.getRepository(Conversation);
  const open = { userId: user.id, customerPhone: '+15551234567', triggerSource: 'outbound' as const };

  const first = await conversations.save({ ...open, whatsappAccountId: account.id });
  await assert.rejects(
    conversations.save({ ...open, whatsappAccountId: account.id }),
    uniqueViolation('conversations_one_open_per_phone'),
  );
  await conversations.save({ ...open, whatsappAccountId: other.id });

  await conversations.update(first.id, { status: 'completed', endedAt: new Date() });
  const second = await conversations.save({ ...open, whatsappAccountId: account.id });
  assert.equal(second.status, 'active');
  assert.deepEqual(second.variables, {});
});

test('customer phones must be E.164 with a plus', async () => {
  const user = await createUser('phone-owner');
  const account = await createAccount(user.id, 'pn-phones');
  await assert.rejects(
    db.dataSource.getRepository(Conversation).save({
      userId: user.id,
      whatsappAccountId: account.id,
      customerPhone: '15551234567',
      triggerSource: 'inbound',
    }),
    QueryFailedError,
  );
});

test('WhatsApp message ids and send keys are unique', async () => {
  const user = await createUser('message-owner');
  const account = await createAccount(user.id, 'pn-messages');
  const messages = db.dataSource.getRepository(Message);
  const inbound = {
    whatsappAccountId: account.id,
    direction: 'inbound' as const,
    type: 'text',
    content: { text: 'hi' },
    status: 'received' as const,
  };
  await messages.save({ ...inbound, waMessageId: 'wamid.1' });
  await assert.rejects(
    messages.save({ ...inbound, waMessageId: 'wamid.1' }),
    uniqueViolation('messages_waMessageId_key'),
  );
  await messages.save({ ...inbound, direction: 'outbound', status: 'pending', sendKey: 'run-1:activity-3' });
  await assert.rejects(
    messages.save({ ...inbound, direction: 'outbound', status: 'pending', sendKey: 'run-1:activity-3' }),
    uniqueViolation('messages_sendKey_key'),
  );
});

test('access tokens are stored encrypted and decrypt back', async () => {
  const user = await createUser('token-owner');
  const account = await createAccount(user.id, 'pn-secret', 'EAAG-plaintext-access-token');
  const [row] = await db.dataSource.query(
    `SELECT "accessTokenEncrypted"::text AS stored, row_to_json(w)::text AS whole
       FROM whatsapp_accounts w WHERE id = $1`,
    [account.id],
  );
  assert.doesNotMatch(row.whole, /EAAG-plaintext-access-token/);
  assert.equal(decryptSecret(row.stored, key), 'EAAG-plaintext-access-token');
});

test('a business number holds one contact per phone, and an unknown opt state is refused', async () => {
  const user = await createUser('ContactOwner');
  const [account] = await db.dataSource.query(
    `INSERT INTO whatsapp_accounts ("userId", "phoneNumberId", "displayPhoneNumber", "accessTokenEncrypted")
     VALUES ($1, 'pn-contacts', '+15550001111', 'x') RETURNING id`,
    [user.id],
  );
  const insert = (phone: string, optState = 'unknown') =>
    db.dataSource.query(
      `INSERT INTO contacts ("userId", "whatsappAccountId", phone, "optState") VALUES ($1, $2, $3, $4)`,
      [user.id, account.id, phone, optState],
    );
  await insert('+15551230000');
  await assert.rejects(insert('+15551230000'), /contacts_one_per_phone/);
  await assert.rejects(insert('+15551230001', 'maybe'), /check/i);
});
