/**
 * Request validation with the protocol's zod schemas, as a preHandler: params, query string and body
 * are parsed (and replaced by the parsed values) before the handler runs. A path that does not parse
 * names nothing (`NOT_FOUND`); a query or body that does not parse is `INVALID_MESSAGE`.
 */
import { FrontdeskError, describeIssues } from '@frontdesk/protocol';
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { z } from 'zod';

export function parse<T>(
  schema: z.ZodType<T>,
  value: unknown,
  code: 'INVALID_MESSAGE' | 'NOT_FOUND' = 'INVALID_MESSAGE',
): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new FrontdeskError(code, code === 'NOT_FOUND' ? undefined : describeIssues(result.error));
  return result.data;
}

export interface RequestSchemas {
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
}

/** The route types a set of schemas gives, for `app.get<RouteOf<typeof schemas>>(...)`. */
export type RouteOf<S extends RequestSchemas> = {
  Params: S['params'] extends z.ZodType ? z.output<S['params']> : unknown;
  Querystring: S['querystring'] extends z.ZodType ? z.output<S['querystring']> : unknown;
  Body: S['body'] extends z.ZodType ? z.output<S['body']> : unknown;
};

export function validate(schemas: RequestSchemas): preHandlerAsyncHookHandler {
  return async (req: FastifyRequest) => {
    if (schemas.params) req.params = parse(schemas.params, req.params, 'NOT_FOUND');
    if (schemas.querystring) req.query = parse(schemas.querystring, req.query);
    if (schemas.body) req.body = parse(schemas.body, req.body);
  };
}

/** A comma-separated list of values from `values` (`?status=pending,claimed`). */
export function csvOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .transform((s) => s.split(','))
    .pipe(z.array(z.enum(values)).min(1));
}
