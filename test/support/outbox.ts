import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A mail the outbox transport wrote, parsed as far as API tests need it. */
export interface ParsedMail {
  file: string;
  subject: string;
  /** Lower-cased addresses of To, Cc and Bcc. */
  recipients: string[];
  text: string;
  html: string;
}

const ADDRESS = /[^\s<>",;:]+@[^\s<>",;]+/g;

interface MimePart {
  headers: Map<string, string>;
  body: string;
}

/** Mails addressed to `to` (To, Cc or Bcc), oldest first: file names start with the sending time. */
export async function readMails(outboxDir: string, to: string): Promise<ParsedMail[]> {
  const mails: ParsedMail[] = [];
  // One file at a time: a long test run can leave more files than the process may hold open.
  for (const file of (await listEml(outboxDir)).sort()) {
    const mail = parseMail(file, await readFile(join(outboxDir, file), 'utf8'));
    if (mail.recipients.includes(to.toLowerCase())) mails.push(mail);
  }
  return mails;
}

/** The 6-digit code of the last mail to `to` (whose subject includes `subjectIncludes`, if given). */
export async function latestCode(outboxDir: string, to: string, subjectIncludes?: string, timeoutMs = 10_000): Promise<string> {
  const matches = (mail: ParsedMail) => subjectIncludes === undefined || mail.subject.includes(subjectIncludes);
  const mails = await waitForMails(outboxDir, to, 1, timeoutMs, matches).catch(() => readMails(outboxDir, to));
  const code = mails
    .filter(matches)
    .map((mail) => /\b(\d{6})\b/.exec(mail.text)?.[1])
    .filter((found) => found !== undefined)
    .at(-1);
  if (!code) {
    const wanted = subjectIncludes === undefined ? '' : ` with a subject including "${subjectIncludes}"`;
    const seen = mails.map((mail) => `"${mail.subject}"`).join(', ') || 'none';
    throw new Error(`No 6-digit code mailed to ${to}${wanted} in ${outboxDir}. Mails to ${to}: ${seen}`);
  }
  return code;
}

/**
 * Mail is sent by the worker after the request has answered: polls until at least `count` mails to `to`
 * (matching `filter`) are in the outbox, or fails after `timeoutMs`.
 */
export async function waitForMails(
  outboxDir: string,
  to: string,
  count = 1,
  timeoutMs = 10_000,
  filter: (mail: ParsedMail) => boolean = () => true,
): Promise<ParsedMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = (await readMails(outboxDir, to)).filter(filter);
    if (mails.length >= count) return mails;
    if (Date.now() > deadline) throw new Error(`Expected ${count} mail(s) to ${to} in ${outboxDir} within ${timeoutMs} ms, found ${mails.length}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** An attachment of a mail the outbox transport wrote. */
export interface MailAttachmentFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** The attachments of a mail read by `readMails`: its leaf parts with a file name, decoded to bytes. */
export async function readAttachments(outboxDir: string, mail: ParsedMail): Promise<MailAttachmentFile[]> {
  const leaves = flatten(parsePart(await readFile(join(outboxDir, mail.file), 'utf8')));
  const attachments: MailAttachmentFile[] = [];
  for (const part of leaves) {
    const filename = /filename="?([^";]+)"?/i.exec(part.headers.get('content-disposition') ?? '')?.[1];
    if (!filename) continue;
    const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
    const content = encoding === 'base64' ? Buffer.from(part.body, 'base64') : Buffer.from(part.body, 'utf8');
    attachments.push({ filename, contentType: mediaType(part), content });
  }
  return attachments;
}

async function listEml(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith('.eml'));
  } catch (err) {
    // No mail was sent yet: the transport creates the folder on first use.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

function parseMail(file: string, source: string): ParsedMail {
  const root = parsePart(source);
  const leaves = flatten(root);
  const partOfType = (type: string) => leaves.find((part) => mediaType(part) === type);
  const addresses = ['to', 'cc', 'bcc'].flatMap((name) => decodeWords(root.headers.get(name) ?? '').match(ADDRESS) ?? []);
  return {
    file,
    subject: decodeWords(root.headers.get('subject') ?? ''),
    recipients: addresses.map((address) => address.toLowerCase()),
    text: decodeBody(partOfType('text/plain')),
    html: decodeBody(partOfType('text/html')),
  };
}

function parsePart(source: string): MimePart {
  const separator = /\r?\n\r?\n/.exec(source);
  const head = separator ? source.slice(0, separator.index) : source;
  const body = separator ? source.slice(separator.index + separator[0].length) : '';
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    if (colon > 0 && !headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/** The leaf parts of a message, walking nested multiparts (mixed > alternative > text/plain, text/html). */
function flatten(part: MimePart): MimePart[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(part.headers.get('content-type') ?? '')?.[1];
  if (!mediaType(part).startsWith('multipart/') || !boundary) return [part];
  const delimiter = `\\r?\\n--${escapeRegExp(boundary)}`;
  const [content] = `\n${part.body}`.split(new RegExp(`${delimiter}--`));
  const [, ...children] = content.split(new RegExp(`${delimiter}[ \\t]*\\r?\\n`));
  return children.flatMap((child) => flatten(parsePart(child)));
}

function mediaType(part: MimePart): string {
  return (part.headers.get('content-type') ?? 'text/plain').split(';')[0].trim().toLowerCase();
}

function decodeBody(part: MimePart | undefined): string {
  if (!part) return '';
  const charset = /charset="?([^";]+)"?/i.exec(part.headers.get('content-type') ?? '')?.[1] ?? 'utf-8';
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return decode(Buffer.from(part.body, 'base64'), charset);
  if (encoding === 'quoted-printable') return decode(quotedPrintable(part.body.replace(/=\r?\n/g, '')), charset);
  return part.body;
}

/** RFC 2047 encoded-words (`=?UTF-8?Q?...?=`). Adjacent words form one text and may split a character. */
function decodeWords(header: string): string {
  return header
    .replace(/\?=\s+(?==\?)/g, '?=')
    .replace(/(?:=\?[^?]+\?[QqBb]\?[^?]*\?=)+/g, (run) => {
      const words = [...run.matchAll(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g)];
      const bytes = words.map(([, , kind, text]) =>
        kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : quotedPrintable(text.replace(/_/g, ' ')),
      );
      return decode(Buffer.concat(bytes), words[0][1]);
    });
}

function quotedPrintable(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

function decode(bytes: Buffer, charset: string): string {
  return new TextDecoder(charset).decode(bytes);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
