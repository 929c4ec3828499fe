/**
 * Request examples of the published API documentation, verbatim: the documentation is the
 * contract, so the reference shows exactly what integrators were promised. Response examples
 * live with each route's declaration (`responses[status].example`); route definitions have no
 * place for request examples, hence this table, keyed by `"<method> <path>"`. A test checks that
 * every key names a declared route.
 */
export const PUBLISHED_REQUEST_EXAMPLES: Record<
  string,
  Record<string, { summary: string; value: unknown }>
> = {
  'post /api/auth/login': {
    login: { summary: 'Log in', value: { username: 'your_username', password: 'your_password' } },
  },
  'post /api/auth/api-token': {
    credentials: {
      summary: 'Client credentials',
      value: { clientId: 'aiflow_....', apiKey: 'sk_xxxxxxxxxxxxxxxxx', ttlSec: 3600 },
    },
  },
  'post /api/webhook/outbound': {
    outbound: {
      summary: 'Outbound flow with a template',
      value: {
        phone: '+972501234567',
        flowId: 'your-flow-uuid',
        templateGroupId: 'YOUR_TEMPLATE_GROUP_ID',
        data: { customerName: 'John Doe', orderId: 'ORD-12345', templateParams: ['123456'], code: '123456' },
      },
    },
  },
  'post /api/webhook/flow/{flowId}/lead': {
    lead: {
      summary: 'Lead from a website form',
      value: {
        phone: '+972501234567',
        name: 'John Doe',
        email: 'john@example.com',
        source: 'website',
        product: 'Premium Plan',
      },
    },
  },
  'post /api/conversations/{id}/reply': {
    text: { summary: 'Text message', value: { messageType: 'text', text: 'Hello! How can I help you?' } },
    image: {
      summary: 'Image message',
      value: {
        messageType: 'image',
        mediaUrl: 'https://your-domain.com/uploads/photo.jpg',
        caption: 'Here is the information you requested',
      },
    },
    template: {
      summary: 'Template message (use after 24-hour window)',
      value: {
        messageType: 'template',
        templateName: 'order_update',
        templateLanguage: 'en',
        templateParams: ['ORD-12345', 'Shipped'],
      },
    },
  },
  'post /api/flows/generate': {
    prompt: {
      summary: 'Text prompt (add a `file`: PDF or image, optional)',
      value: { prompt: 'Create a customer support flow for a pizza restaurant' },
    },
  },
};
