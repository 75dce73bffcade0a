import { describe, expect, it } from 'vitest';
import {
  extractAmenity,
  extractFaultCode,
  extractRoomNumber,
  extractSlots,
  matchPlace,
  type Place,
} from './slots.js';

const PLACES: Place[] = [
  { id: 'lift', names: ['lift', 'elevator', '电梯', '直梯'] },
  { id: 'toilet', names: ['toilet', 'restroom', 'washroom', '洗手间', '厕所', '卫生间'] },
  { id: 'radiology', names: ['radiology', 'x-ray', '放射科', '影像科'] },
  { id: 'nurse_station', names: ['nurse station', '护士站'] },
  { id: 'meeting_room', names: ['meeting room', '会议室'] },
  { id: 'pool', names: ['pool', 'swimming pool', '游泳池', '泳池'] },
];

describe('extractFaultCode', () => {
  it.each([
    ['E4', 'E4'],
    ['the AC shows F21', 'F21'],
    ['E-107 on the screen', 'E-107'],
    ['故障码 E4', 'E4'],
    ['空调显示Ｅ４', 'E4'],
    ['温度过高请联系维修Code：E-107', 'E-107'],
    ['heater error H1', 'H1'],
    ['洗衣机报错e21', 'E21'],
  ])('%s → %s', (text, code) => {
    expect(extractFaultCode(text)).toBe(code);
  });
  it.each(['停车场B1在哪', 'where is clinic C3', 'room 1203', 'wifi password'])('%s → none', (text) => {
    expect(extractFaultCode(text)).toBeNull();
  });
});

describe('extractRoomNumber', () => {
  it.each([
    ['room 1203 tv broken', '1203'],
    ['１２０３号房', '1203'],
    ['我住808 空调不制冷', '808'],
    ['房间号是 1512', '1512'],
    ['rm 512 needs towels', '512'],
  ])('%s → %s', (text, room) => {
    expect(extractRoomNumber(text)).toBe(room);
  });
  it.each(['call 120', 'breakfast at 7', 'E-107'])('%s → none', (text) => {
    expect(extractRoomNumber(text)).toBeNull();
  });
});

describe('extractAmenity', () => {
  it.each([
    ['can i get more towels', 'towel'],
    ['送双拖鞋', 'slippers'],
    ['再来两瓶矿泉水', 'water'],
    ['need a crib for the baby', 'crib'],
    ['牙刷牙膏没有了', 'toothbrush'],
    ['extra pillow please', 'pillow'],
  ])('%s → %s', (text, item) => {
    expect(extractAmenity(text)).toBe(item);
  });
  it('finds nothing in an unrelated sentence', () => {
    expect(extractAmenity('where is the lift')).toBeNull();
  });
});

describe('matchPlace', () => {
  it.each([
    ['where is the lift', 'lift', 1],
    ['电梯在哪', 'lift', 1],
    ['wheres the restrooms', 'toilet', 1],
    ['x ray room where', 'radiology', 1],
    ['meeting room 3', 'meeting_room', 1],
  ])('exact: %s → %s', (text, id, score) => {
    expect(matchPlace(text, PLACES)).toMatchObject({ id, score });
  });
  it.each([
    ['elevater?', 'lift'],
    ['where is the toilett', 'toilet'],
    ['放射课在哪里', 'radiology'],
    ['户士站怎么走', 'nurse_station'],
  ])('fuzzy: %s → %s', (text, id) => {
    const m = matchPlace(text, PLACES);
    expect(m?.id).toBe(id);
    expect(m?.score).toBeLessThan(1);
  });
  it('prefers the longest name and finds nothing when nothing is named', () => {
    expect(matchPlace('swimming pool hours', PLACES)?.name).toBe('swimming pool');
    expect(matchPlace('room 1203 the tv is broken', PLACES)).toBeNull();
    expect(matchPlace('wifi password', PLACES)).toBeNull();
  });
});

describe('extractSlots', () => {
  it('returns only the slots it found', () => {
    expect(extractSlots('room 1203 the AC shows E4', PLACES)).toEqual({ room: '1203', faultCode: 'E4' });
    expect(extractSlots('towels to room 808 please', PLACES)).toEqual({ item: 'towel', room: '808' });
    expect(extractSlots('towels to room 808 please', PLACES, { amenity: false })).toEqual({ room: '808' });
    expect(extractSlots('what about the pool', PLACES)).toEqual({ place: 'pool' });
  });
});
