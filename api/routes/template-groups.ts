import type { Router } from '@koa/router';
import type { TemplateGroup } from '../../entities/template-group';
import type { AppState } from '../app-state';
import type { AuthDeps } from '../auth/authenticate-request';
import { isAdmin, type Principal } from '../auth/principal';
import { NotFoundError } from '../errors';
import { createRouter } from '../routing/create-router';
import { defineRoute } from '../routing/define-route';
import { errorResponseSchema } from '../schemas/system';
import {
  createTemplateGroupBodySchema,
  listTemplateGroupsQuerySchema,
  templateGroupExample,
  templateGroupIdParamsSchema,
  templateGroupSchema,
  updateTemplateGroupBodySchema,
} from '../schemas/template-groups';
import {
  deleteTemplateGroup,
  findTemplateGroup,
  insertTemplateGroup,
  listTemplateGroups,
  saveTemplateGroupChanges,
} from '../template-groups/template-group-rows';

const auth = ['cookie', 'bearer'] as const;
const notFound = {
  description: 'No such template group (or not yours)',
  schema: errorResponseSchema,
  example: { error: 'Template group not found' },
};

/**
 * Template groups: named sets of approved WhatsApp templates that outbound triggers open
 * conversations with (`templateGroupId`). Create, list, get, update (PUT/PATCH), delete.
 */
export function createTemplateGroupsRouter(deps: AuthDeps): Router<AppState> {
  const findGroup = async (id: string, user: Principal) => {
    const group = await findTemplateGroup(deps.dataSource, id);
    if (!group || !(isAdmin(user) || group.userId === user.id)) {
      throw new NotFoundError('Template group not found');
    }
    return group;
  };

  const list = defineRoute({
    method: 'get',
    path: '/api/template-groups',
    tag: 'template-groups',
    summary: 'List template groups',
    description: "The caller's template groups, newest first. Admins may filter by userId.",
    auth,
    request: { query: listTemplateGroupsQuerySchema },
    responses: {
      200: {
        description: 'Template groups',
        schema: templateGroupSchema.array(),
        example: [templateGroupExample],
      },
    },
    handler: async (ctx, { query, auth }) => {
      const userId = isAdmin(auth.user) ? query.userId : auth.user.id;
      ctx.body = (await listTemplateGroups(deps.dataSource, userId)).map(toTemplateGroup);
    },
  });

  const create = defineRoute({
    method: 'post',
    path: '/api/template-groups',
    tag: 'template-groups',
    summary: 'Create a template group',
    auth,
    request: { body: createTemplateGroupBodySchema },
    responses: {
      201: { description: 'Created', schema: templateGroupSchema, example: templateGroupExample },
    },
    handler: async (ctx, { body, auth }) => {
      const group = await insertTemplateGroup(deps.dataSource, { userId: auth.user.id, ...body });
      ctx.status = 201;
      ctx.body = toTemplateGroup(group);
    },
  });

  const read = defineRoute({
    method: 'get',
    path: '/api/template-groups/{id}',
    tag: 'template-groups',
    summary: 'Get a template group',
    auth,
    request: { params: templateGroupIdParamsSchema },
    responses: {
      200: { description: 'The group', schema: templateGroupSchema, example: templateGroupExample },
      404: notFound,
    },
    handler: async (ctx, { params, auth }) => {
      ctx.body = toTemplateGroup(await findGroup(params.id, auth.user));
    },
  });

  const updateRoute = (method: 'put' | 'patch') =>
    defineRoute({
      method,
      path: '/api/template-groups/{id}',
      tag: 'template-groups',
      summary: method === 'put' ? 'Update a template group (PUT)' : 'Update a template group',
      description: 'Any of name and templates (the list is replaced as a whole). PUT and PATCH behave alike.',
      auth,
      request: { params: templateGroupIdParamsSchema, body: updateTemplateGroupBodySchema },
      responses: {
        200: { description: 'The updated group', schema: templateGroupSchema, example: templateGroupExample },
        404: notFound,
      },
      handler: async (ctx, { params, body, auth }) => {
        const group = await findGroup(params.id, auth.user);
        ctx.body = toTemplateGroup(await saveTemplateGroupChanges(deps.dataSource, group, body));
      },
    });

  const remove = defineRoute({
    method: 'delete',
    path: '/api/template-groups/{id}',
    tag: 'template-groups',
    summary: 'Delete a template group',
    description: 'Conversations already opened with one of its templates are not affected.',
    auth,
    request: { params: templateGroupIdParamsSchema },
    responses: { 204: { description: 'Deleted' }, 404: notFound },
    handler: async (ctx, { params, auth }) => {
      const group = await findGroup(params.id, auth.user);
      await deleteTemplateGroup(deps.dataSource, group.id);
      ctx.status = 204;
    },
  });

  return createRouter(deps, [list, create, read, updateRoute('put'), updateRoute('patch'), remove]);
}

function toTemplateGroup(group: TemplateGroup) {
  return {
    id: group.id,
    name: group.name,
    templates: group.templates,
    createdAt: group.createdAt.toISOString(),
    updatedAt: group.updatedAt.toISOString(),
  };
}
