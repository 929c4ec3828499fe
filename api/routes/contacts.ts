import type { Router } from '@koa/router';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { Contact } from '../../entities/contact';
import type { AppState } from '../app-state';
import type { AuthDeps } from '../auth/authenticate-request';
import { contactFilterSchema } from '../contacts/contact-filter';
import { findContactOf, insertContact, listContacts, updateContact } from '../contacts/contact-rows';
import { deleteContact } from '../contacts/delete-contact';
import { importContacts } from '../contacts/import-contacts';
import { MAX_IMPORT_ROWS } from '../contacts/parse-contacts-csv';
import { MAX_IMPORT_BYTES, readCsvBody } from '../contacts/read-csv-body';
import { INVALID_PHONE_MESSAGE } from '../conversations/start-conversation';
import { normalizePhone } from '../conversations/normalize-phone';
import { BadRequestError, ConflictError, NotFoundError } from '../errors';
import { createRouter } from '../routing/create-router';
import { defineRoute } from '../routing/define-route';
import type { RouteContext } from '../routing/route-definition';
import {
  contactExample,
  contactIdParamsSchema,
  contactSchema,
  createContactBodySchema,
  importContactsQuerySchema,
  importContactsRefusedSchema,
  importContactsResponseSchema,
  listContactsQuerySchema,
  toContactListRequest,
  updateContactBodySchema,
} from '../schemas/contacts';
import { errorResponse } from '../schemas/system';
import { isAccountOf } from '../whatsapp/whatsapp-account-rows';
import { z } from 'zod';

/** What the contact routes need: deleting a contact stops its open conversation's run. */
export interface ContactRouteDeps extends AuthDeps {
  dataSource: DataSource;
  config: AuthDeps['config'] & { temporal: { taskQueue: string } };
  temporalClient?: Client;
}

const auth = ['cookie', 'bearer'] as const;
const notFound = errorResponse('No such contact (or another user’s)', 'Contact not found');
const accountNotFound = errorResponse(
  'No such WhatsApp account (or another user’s)',
  'WhatsApp account not found',
);

/**
 * Contacts of the caller's business numbers: list (filters, paged), get, create, update, delete
 * (with the customer's conversations and messages) and CSV import. Only the owner sees a contact.
 */
export function createContactsRouter(deps: ContactRouteDeps): Router<AppState> {
  const findContact = async (id: string, userId: string) => {
    const contact = await findContactOf(deps.dataSource, id, userId);
    if (!contact) throw new NotFoundError('Contact not found');
    return contact;
  };
  const requireAccount = async (accountId: string, userId: string) => {
    if (!(await isAccountOf(deps.dataSource, accountId, userId))) {
      throw new NotFoundError('WhatsApp account not found');
    }
  };

  const list = defineRoute({
    method: 'get',
    path: '/api/contacts',
    tag: 'contacts',
    summary: 'List contacts',
    description:
      'The caller’s contacts, newest first, paged with limit (1–200, default 50) and offset. Filters, all of ' +
      'which must hold: whatsappAccountId, tag (repeat it: contacts carrying every tag), ' +
      'attr.<key>=<value> (attributes equal, e.g. attr.city=Haifa) and optState.',
    auth,
    request: { query: listContactsQuerySchema },
    responses: { 200: { description: 'Contacts', schema: contactSchema.array(), example: [contactExample] } },
    handler: async (ctx, { query, auth }) => {
      const { page, filter } = toContactListRequest(query);
      const parsed = contactFilterSchema.safeParse(filter);
      if (!parsed.success) {
        throw new BadRequestError(
          parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
        );
      }
      ctx.body = (await listContacts(deps.dataSource, auth.user.id, parsed.data, page)).map(toContact);
    },
  });

  const create = defineRoute({
    method: 'post',
    path: '/api/contacts',
    tag: 'contacts',
    summary: 'Create a contact',
    description:
      'A customer of one of your WhatsApp numbers. optState other than unknown is recorded with source api.',
    auth,
    request: { body: createContactBodySchema },
    responses: {
      201: { description: 'Created', schema: contactSchema, example: contactExample },
      404: accountNotFound,
      409: errorResponse(
        'The number already has a contact with this phone',
        'A contact with this phone exists',
      ),
    },
    handler: async (ctx, { body, auth }) => {
      const phone = normalizePhone(body.phone);
      if (!phone) throw new BadRequestError(INVALID_PHONE_MESSAGE);
      await requireAccount(body.whatsappAccountId, auth.user.id);
      const contact = await insertContact(deps.dataSource, {
        ...body,
        phone,
        userId: auth.user.id,
        source: 'api',
      });
      if (!contact) throw new ConflictError(`A contact with phone ${phone} exists on this WhatsApp number`);
      ctx.status = 201;
      ctx.body = toContact(contact);
    },
  });

  const read = defineRoute({
    method: 'get',
    path: '/api/contacts/{id}',
    tag: 'contacts',
    summary: 'Get a contact',
    auth,
    request: { params: contactIdParamsSchema },
    responses: {
      200: { description: 'The contact', schema: contactSchema, example: contactExample },
      404: notFound,
    },
    handler: async (ctx, { params, auth }) => {
      ctx.body = toContact(await findContact(params.id, auth.user.id));
    },
  });

  const update = defineRoute({
    method: 'patch',
    path: '/api/contacts/{id}',
    tag: 'contacts',
    summary: 'Update a contact',
    description:
      'Any of name, attributes and tags (each replaced as a whole) and optState (recorded with source api; ' +
      'opted_out stops every send to the customer, opted_in lifts it).',
    auth,
    request: { params: contactIdParamsSchema, body: updateContactBodySchema },
    responses: {
      200: { description: 'The updated contact', schema: contactSchema, example: contactExample },
      404: notFound,
    },
    handler: async (ctx, { params, body, auth }) => {
      const contact = await findContact(params.id, auth.user.id);
      ctx.body = toContact(await updateContact(deps.dataSource, contact, body, 'api'));
    },
  });

  const remove = defineRoute({
    method: 'delete',
    path: '/api/contacts/{id}',
    tag: 'contacts',
    summary: 'Delete a contact and their data',
    description:
      'Stops the customer’s open conversation on this number (its run is terminated), then deletes the ' +
      'contact and every conversation with this phone on this number, with their messages. Temporal keeps ' +
      'the finished runs’ histories (which hold the phone and message texts) until the namespace’s ' +
      'retention expires: see docs/contacts.md.',
    auth,
    request: { params: contactIdParamsSchema },
    responses: {
      204: { description: 'Deleted' },
      404: notFound,
      503: errorResponse(
        'The open conversation could not be stopped',
        'The active conversation could not be stopped; retry later',
      ),
    },
    handler: async (ctx, { params, auth }) => {
      const contact = await findContact(params.id, auth.user.id);
      await deleteContact(services(ctx), contact);
      ctx.status = 204;
    },
  });

  const importCsv = defineRoute({
    method: 'post',
    path: '/api/contacts/import',
    tag: 'contacts',
    summary: 'Import contacts from CSV',
    description:
      `Body: text/csv, UTF-8, at most ${MAX_IMPORT_BYTES / (1024 * 1024)} MB and ` +
      `${MAX_IMPORT_ROWS.toLocaleString('en')} rows. The first line names the columns: phone (required, ` +
      'international format), name, tags (separated by ; or |), optState (unknown, opted_in, opted_out); ' +
      'every other column is an attribute. Rows are matched by phone on the number: new phones are ' +
      'created; for known ones a non-empty name replaces the stored one, attributes are merged (the CSV ' +
      'wins), tags are added and a non-empty optState is set (source import). One transaction: a bad row ' +
      '(bad phone, unknown optState, wrong number of columns, a phone twice) refuses the whole file with ' +
      'each bad line listed (the header is line 1), and nothing is imported.',
    auth,
    request: {
      query: importContactsQuerySchema,
      body: z.string().min(1, { error: 'the CSV is empty' }),
      bodyContentType: 'text/csv',
    },
    middleware: [readCsvBody()],
    responses: {
      200: {
        description: 'Imported',
        schema: importContactsResponseSchema,
        example: { success: true, created: 1200, updated: 35 },
      },
      404: accountNotFound,
      413: errorResponse('Over 20 MB', 'The CSV is too large: at most 20 MB per import'),
      415: errorResponse('Not text/csv', 'Send the contacts as text/csv (the first line names the columns)'),
      422: {
        description: 'Bad rows: nothing was imported',
        schema: importContactsRefusedSchema,
        example: {
          error: 'Nothing was imported: 2 bad rows',
          problems: [
            {
              line: 7,
              message:
                'phone "0501234567" is not an international number with country code (e.g. +972501234567)',
            },
            { line: 12, message: 'optState "yes" must be unknown, opted_in or opted_out' },
          ],
        },
      },
    },
    handler: async (ctx, { query, body, auth }) => {
      await requireAccount(query.whatsappAccountId, auth.user.id);
      const result = await importContacts(
        deps.dataSource,
        { userId: auth.user.id, whatsappAccountId: query.whatsappAccountId },
        body,
      );
      ctx.body = { success: true, ...result };
    },
  });

  const services = (ctx: RouteContext) => ({
    dataSource: deps.dataSource,
    temporalClient: deps.temporalClient,
    taskQueue: deps.config.temporal.taskQueue,
    logger: ctx.state.logger,
  });

  return createRouter(deps, [list, create, importCsv, read, update, remove]);
}

function toContact(contact: Contact) {
  return {
    id: contact.id,
    whatsappAccountId: contact.whatsappAccountId,
    phone: contact.phone,
    name: contact.name,
    attributes: contact.attributes,
    tags: contact.tags,
    optState: contact.optState,
    optStateAt: contact.optStateAt?.toISOString() ?? null,
    optStateSource: contact.optStateSource,
    createdAt: contact.createdAt.toISOString(),
    updatedAt: contact.updatedAt.toISOString(),
  };
}
