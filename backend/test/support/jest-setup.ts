// End-to-end specs boot a real app and exchange hundreds of messages: allow more than Jest's 5 s default.
jest.setTimeout(30_000);
