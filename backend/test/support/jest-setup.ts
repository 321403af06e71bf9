// End-to-end specs boot a real app and exchange hundreds of messages: allow more than Jest's 5 s default. A boot in
// a `beforeAll` on a CI machine busy with browser suites has taken over 30 s.
jest.setTimeout(120_000);
