import * as http from 'http';

import { HTTP_METHODS } from '../../endpoints/AppRoute';

describe('the methods every route defines', () => {
    it('are every method Node’s HTTP parser accepts, as Rocket.Chat hands them to the engine (lower-case)', () => {
        expect([...HTTP_METHODS].sort()).toEqual(http.METHODS.map((method) => method.toLowerCase()).sort());
    });
});
