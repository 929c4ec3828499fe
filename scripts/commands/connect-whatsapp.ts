import type { DataSource } from 'typeorm';
import { User, WhatsappAccount } from '../../entities';
import { encryptSecret } from '../../platform/secrets';
import { UsageError } from './usage-error';

/** Arguments of `connect-whatsapp`. */
export interface ConnectWhatsappArgs {
  username: string;
  phoneNumberId: string;
  displayPhone: string;
  accessToken: string;
}

/**
 * Connects a WhatsApp Business phone number to a user, or updates its display number and token
 * when the phone number id is already connected to that user. The token is stored encrypted.
 */
export async function connectWhatsapp(
  dataSource: DataSource,
  encryptionKey: Buffer,
  args: ConnectWhatsappArgs,
): Promise<WhatsappAccount> {
  if (!/^\+[1-9][0-9]{6,14}$/.test(args.displayPhone)) {
    throw new UsageError('--display-phone must be in E.164 form, e.g. +15551234567');
  }
  if (!/^[0-9]{1,32}$/.test(args.phoneNumberId)) throw new UsageError('--phone-number-id must be digits');
  const user = await dataSource
    .getRepository(User)
    .createQueryBuilder('user')
    .where('lower(user.username) = lower(:username)', { username: args.username })
    .getOne();
  if (!user) throw new UsageError(`no user named ${args.username}`);

  const accounts = dataSource.getRepository(WhatsappAccount);
  const existing = await accounts.findOneBy({ phoneNumberId: args.phoneNumberId });
  if (existing && existing.userId !== user.id) {
    throw new UsageError(`phone number id ${args.phoneNumberId} is connected to another user`);
  }
  return accounts.save({
    ...existing,
    userId: user.id,
    phoneNumberId: args.phoneNumberId,
    displayPhoneNumber: args.displayPhone,
    accessTokenEncrypted: encryptSecret(args.accessToken, encryptionKey),
  });
}
