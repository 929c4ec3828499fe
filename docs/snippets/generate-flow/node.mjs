// Generate a draft flow with AI from a prompt (multipart/form-data).
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

const form = new FormData();
form.append('prompt', 'Create a customer support flow for a pizza restaurant');
// Optional: build it from a PDF or an image.
if (process.env.FILE_PATH) {
  const file = new Blob([await readFile(process.env.FILE_PATH)], { type: 'application/pdf' });
  form.append('file', file, basename(process.env.FILE_PATH));
}

const response = await fetch(`${process.env.BASE_URL}/api/flows/generate`, {
  method: 'POST',
  headers: { Authorization: `Bearer ${process.env.FLOWBOT_TOKEN}` },
  body: form, // fetch sets the multipart Content-Type with its boundary
});
const body = await response.json();
if (!response.ok) throw new Error(`HTTP ${response.status}: ${body.error}`);
console.log(JSON.stringify(body, null, 2));
