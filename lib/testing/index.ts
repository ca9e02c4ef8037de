export { startMockServer } from './mock-server.js';
export { failTimes, statusReply, type StatusReplyOptions } from './helpers.js';
export { DEFAULT_STORY } from './default-story.js';
export { conversationReply, type MockConversation, type MockTurn } from './conversation-reply.js';
export type { MockFault } from './fault.js';
export type { MockResponsesFailure, MockResponsesReply } from './responses-reply.js';
export type {
  MockChatReply,
  MockError,
  MockRawReply,
  MockReply,
  MockReplySource,
  MockServer,
  MockServerOptions,
  MockStatusReply,
  MockToolCall,
  MockUsage,
  RecordedRequest,
} from './types.js';
