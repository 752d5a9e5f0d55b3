/** Reading and writing saved linkage models (JSON files). */
import { readFile } from 'node:fs/promises'
import { validateModel, type LinkageModel } from '../../core/linkage/index.js'
import { LinkageInputError } from './csv-record-loader.js'

/** Read and validate a model file; a bad file is one LinkageInputError line. */
export async function readModelFile(path: string): Promise<LinkageModel> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new LinkageInputError(
      code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code ?? 'error'})`,
    )
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new LinkageInputError(`${path}: not valid JSON`)
  }
  const problem = validateModel(value)
  if (problem !== undefined) throw new LinkageInputError(`${path}: ${problem}`)
  return value as LinkageModel
}
