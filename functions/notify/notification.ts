/**
 * What a notification is, and how one message reaches every kind of subscriber of the topic:
 * SNS `MessageStructure: json` sends the plain text to e-mail, SQS and anything else (`default`,
 * `email`), and to HTTPS subscribers (AWS Chatbot / Amazon Q Developer in chat applications,
 * webhooks) a custom notification, the only JSON Chatbot shows for a message that is not an AWS
 * service event: `{version: "1.0", source: "custom", content: {...}}`. Chatbot ignores plain text.
 */

/** How every subject starts, so a mail filter or a chat search finds them all. */
export const SUBJECT_PREFIX = '[ops-automation]';

export interface Notification {
  /** E-mail subject: SNS takes printable ASCII, under 100 characters, no line breaks. */
  subject: string;
  /** The first line people see in chat. */
  title: string;
  /** The message: plain text, lines under ~100 characters except links. Lines indented by two spaces are tables. */
  text: string;
  /** Commands to run next; chat shows them as a list. */
  nextSteps?: string[];
}

export interface SnsMessage {
  Subject: string;
  Message: string;
  MessageStructure: 'json';
}

/** SNS refuses a subject that is not printable ASCII or is 100 characters or longer. */
const MAX_SUBJECT = 99;

/** A subject SNS accepts: printable ASCII only (anything else becomes "?"), one line, under 100 characters. */
export function emailSubject(text: string): string {
  const ascii = text.replace(/\s+/g, ' ').trim().replace(/[^\x20-\x7E]/g, '?');
  return ascii.length <= MAX_SUBJECT ? ascii : `${ascii.slice(0, MAX_SUBJECT - 3).trimEnd()}...`;
}

/**
 * The text for chat, where the platform's markdown would collapse the spaces that align a table:
 * each run of lines indented by two spaces goes into a code block; everything else (links
 * included, which a code block would not make clickable) stays as it is.
 */
export function chatMarkdown(text: string): string {
  const out: string[] = [];
  let inBlock = false;
  for (const line of text.split('\n')) {
    const table = line.startsWith('  ');
    if (table !== inBlock) out.push('```');
    inBlock = table;
    out.push(line);
  }
  if (inBlock) out.push('```');
  return out.join('\n');
}

/** The Publish parameters of a notification (besides the topic). */
export function snsMessage(notification: Notification): SnsMessage {
  const custom = {
    version: '1.0',
    source: 'custom',
    content: {
      textType: 'client-markdown',
      title: notification.title,
      description: chatMarkdown(notification.text),
      ...(notification.nextSteps?.length ? { nextSteps: notification.nextSteps } : {}),
    },
  };
  return {
    Subject: emailSubject(notification.subject),
    MessageStructure: 'json',
    Message: JSON.stringify({ default: notification.text, email: notification.text, https: JSON.stringify(custom) }),
  };
}
