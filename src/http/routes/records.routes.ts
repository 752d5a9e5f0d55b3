/** Imports (as jobs), jobs, and reading person records. */
import { Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { openExport, type ExportFormat } from '../../services/record-formats.js'
import multipart from '@fastify/multipart'
import {
  getRecord,
  listImportBatches,
  listRecordVersions,
  startImportJob,
} from '../../services/record.service.js'
import { getJob } from '../../services/job.service.js'
import type { ServiceContext } from '../../services/context.js'
import { DomainError } from '../../core/errors.js'
import { requireActor } from '../session.plugin.js'
import { problemSchema } from '../schemas.js'

const IMPORT_LIMIT_BYTES = 100 * 1024 * 1024
const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
} as const

const storedRecordSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    organisationId: { type: 'string' },
    sensitivity: { type: 'string' },
    version: { type: 'integer' },
    fields: { type: 'object', additionalProperties: true },
    provenance: { type: 'object', additionalProperties: true },
  },
} as const

function parseMapping(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined || text.trim() === '') return undefined
  try {
    const v: unknown = JSON.parse(text)
    if (
      v &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      Object.values(v).every((x) => typeof x === 'string')
    ) {
      return v as Record<string, string>
    }
  } catch {
    // reported below
  }
  throw new DomainError(
    'validation_failed',
    'The column mapping must be a JSON object of "column": "field".',
    [{ field: 'mapping', message: 'must be a JSON object of strings' }],
  )
}

export async function recordsRoutes(
  app: FastifyInstance,
  opts: { ctx: ServiceContext },
): Promise<void> {
  const { ctx } = opts
  await app.register(multipart, { limits: { fileSize: IMPORT_LIMIT_BYTES, files: 1, fields: 10 } })

  app.post(
    '/api/imports',
    {
      schema: {
        tags: ['records'],
        summary: 'Upload a CSV, XLSX or PFIF file; it is imported all-or-nothing as a job',
        consumes: ['multipart/form-data'],
        response: {
          202: { type: 'object', properties: { jobId: { type: 'string' } } },
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          413: problemSchema,
          415: problemSchema,
        },
      },
      config: { access: 'authenticated' },
    },
    async (request, reply) => {
      const actor = requireActor(request)
      if (!request.isMultipart()) {
        throw new DomainError(
          'unsupported_media_type',
          'Send the file as multipart/form-data with a "file" part.',
        )
      }
      const fields: Record<string, string> = {}
      let file: { name: string; bytes: Buffer } | undefined
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const bytes = await part.toBuffer()
          if (part.file.truncated) {
            throw new DomainError(
              'payload_too_large',
              `The file is larger than ${IMPORT_LIMIT_BYTES / 1024 / 1024} MB.`,
            )
          }
          file = { name: part.filename, bytes }
        } else fields[part.fieldname] = String(part.value)
      }
      if (!file) {
        throw new DomainError('validation_failed', 'No file was sent.', [
          { field: 'file', message: 'required' },
        ])
      }
      const format = fields.format
      if (format !== undefined && format !== 'csv' && format !== 'xlsx' && format !== 'pfif') {
        throw new DomainError('validation_failed', 'The format must be csv, xlsx or pfif.', [
          { field: 'format', message: 'must be csv, xlsx or pfif' },
        ])
      }
      const { jobId } = await startImportJob(ctx, actor, {
        bytes: file.bytes,
        fileName: file.name,
        format,
        sourceKind: fields.sourceKind ?? '',
        document: fields.document,
        sheet: fields.sheet,
        columnMapping: parseMapping(fields.mapping),
      })
      return reply.status(202).send({ jobId })
    },
  )

  app.get(
    '/api/imports',
    {
      schema: {
        tags: ['records'],
        summary: 'Import batches of your organisation',
        response: { 401: problemSchema, 403: problemSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => listImportBatches(ctx, requireActor(request)),
  )

  app.get<{ Params: { id: string } }>(
    '/api/jobs/:id',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Progress and outcome of a job',
        params: idParams,
        response: { 401: problemSchema, 404: problemSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => getJob(ctx, requireActor(request), request.params.id),
  )

  app.get<{ Params: { id: string } }>(
    '/api/records/:id',
    {
      schema: {
        tags: ['records'],
        summary: 'One person record with its provenance',
        params: idParams,
        response: {
          200: storedRecordSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
      config: { access: 'authenticated' },
    },
    async (request) => getRecord(ctx, requireActor(request), request.params.id),
  )

  app.get<{ Params: { id: string } }>(
    '/api/records/:id/versions',
    {
      schema: {
        tags: ['records'],
        summary: 'The history of a record',
        params: idParams,
        response: { 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => listRecordVersions(ctx, requireActor(request), request.params.id),
  )
}

/** Bulk export with provenance, streamed as an attachment. */
export async function exportRoutes(
  app: FastifyInstance,
  opts: { ctx: ServiceContext },
): Promise<void> {
  app.get<{ Querystring: { format: ExportFormat } }>(
    '/api/records/export',
    {
      schema: {
        tags: ['records'],
        summary: 'Export the records you may export, with provenance (PFIF 1.4, JSON Lines or CSV)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['format'],
          properties: { format: { type: 'string', enum: ['pfif', 'jsonl', 'csv'] } },
        },
        response: { 400: problemSchema, 401: problemSchema, 403: problemSchema },
      },
      config: {
        access: 'authenticated',
        rateLimit: {
          max: 10,
          timeWindow: '1 minute',
          keyGenerator: (req) => req.auth?.user.id ?? req.ip,
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request)
      const format = request.query.format
      const chunks = await openExport(opts.ctx, actor, format)
      const types: Record<ExportFormat, string> = {
        csv: 'text/csv; charset=utf-8',
        jsonl: 'application/x-ndjson; charset=utf-8',
        pfif: 'application/xml; charset=utf-8',
      }
      const ext: Record<ExportFormat, string> = { csv: 'csv', jsonl: 'jsonl', pfif: 'xml' }
      void reply
        .type(types[format])
        .header('content-disposition', `attachment; filename="athar-records.${ext[format]}"`)
      return reply.send(Readable.from(chunks))
    },
  )
}
