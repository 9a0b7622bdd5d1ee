/** Word lists for demo data that reads like a real city's parking, not like fixtures. */

export const FIRST_NAMES = [
  'Aarav', 'Aisha', 'Alejandro', 'Amelia', 'Ananya', 'Arjun', 'Ben', 'Camille', 'Carlos', 'Chen', 'Chloe', 'Daniel',
  'Diya', 'Elena', 'Emma', 'Ethan', 'Fatima', 'Felix', 'Grace', 'Hannah', 'Hiroshi', 'Ibrahim', 'Isabella', 'Ivan',
  'Jack', 'Jasmine', 'Javier', 'Julia', 'Kabir', 'Kai', 'Laura', 'Leo', 'Lina', 'Lucas', 'Maria', 'Mateo', 'Maya',
  'Mei', 'Mohammed', 'Nadia', 'Noah', 'Olivia', 'Omar', 'Priya', 'Rafael', 'Rohan', 'Sara', 'Sofia', 'Tariq', 'Thomas',
  'Valentina', 'Victor', 'Yuki', 'Zara', 'Zoe', 'Anika', 'Bruno', 'Clara', 'David', 'Freya',
] as const;

export const LAST_NAMES = [
  'Adams', 'Ahmed', 'Almeida', 'Bauer', 'Bianchi', 'Brown', 'Chatterjee', 'Costa', 'Dubois', 'Fernandez', 'Fischer',
  'Garcia', 'Gupta', 'Hansen', 'Hoffmann', 'Ito', 'Iyer', 'Jensen', 'Johnson', 'Kaur', 'Khan', 'Kim', 'Kowalski',
  'Kumar', 'Larsen', 'Lee', 'Lopez', 'Martin', 'Meyer', 'Moreau', 'Müller', 'Nakamura', 'Nguyen', 'Novak', 'O’Brien',
  'Okafor', 'Patel', 'Petrov', 'Reddy', 'Rossi', 'Santos', 'Schmidt', 'Sharma', 'Silva', 'Singh', 'Smith', 'Suzuki',
  'Tanaka', 'Taylor', 'Thompson', 'Wagner', 'Walker', 'Wang', 'Weber', 'Williams', 'Wilson', 'Yamamoto', 'Zhang',
] as const;

/** Lot names with the kind of place they serve; `demand` and `price` are relative (1 = busiest, priciest). */
export const LOT_SITES = [
  { name: 'Central Station Garage', demand: 1, price: 1 },
  { name: 'Market Square Parking', demand: 0.95, price: 0.9 },
  { name: 'Financial District Tower', demand: 0.9, price: 1 },
  { name: 'Old Town Multi-Storey', demand: 0.85, price: 0.8 },
  { name: 'Riverside Car Park', demand: 0.7, price: 0.6 },
  { name: 'City Hospital Visitors', demand: 0.8, price: 0.5 },
  { name: 'University North Deck', demand: 0.75, price: 0.4 },
  { name: 'Westgate Shopping Centre', demand: 0.8, price: 0.5 },
  { name: 'Harbourfront Lot', demand: 0.6, price: 0.7 },
  { name: 'Tech Park East', demand: 0.7, price: 0.6 },
  { name: 'Museum Quarter', demand: 0.55, price: 0.7 },
  { name: 'Cathedral Lane Garage', demand: 0.5, price: 0.8 },
  { name: 'Stadium South', demand: 0.45, price: 0.5 },
  { name: 'Greenway Park & Ride', demand: 0.65, price: 0.3 },
  { name: 'Convention Centre Hall B', demand: 0.5, price: 0.9 },
  { name: 'Lakeside Pavilion', demand: 0.4, price: 0.5 },
  { name: 'Chinatown Gate', demand: 0.6, price: 0.7 },
  { name: 'Northside Retail Park', demand: 0.55, price: 0.4 },
  { name: 'Mill Street Yard', demand: 0.45, price: 0.4 },
  { name: 'Airport Long Stay P3', demand: 0.5, price: 0.6 },
  { name: 'Theatre District Garage', demand: 0.6, price: 0.9 },
  { name: 'Botanic Gardens Lot', demand: 0.35, price: 0.4 },
  { name: 'Ferry Terminal Parking', demand: 0.5, price: 0.6 },
  { name: 'Civic Centre Basement', demand: 0.55, price: 0.7 },
] as const;

export const STREETS = [
  'Station Road', 'Market Street', 'King Street', 'Queen Street', 'River Walk', 'Harbour Road', 'College Avenue',
  'Mill Lane', 'Church Street', 'Victoria Road', 'Park Avenue', 'High Street', 'Bridge Street', 'Garden Row',
  'Elm Street', 'Canal Street', 'Union Square', 'Castle Hill', 'Ocean Drive', 'Maple Avenue',
] as const;

export const CITY = 'Springfield';

/** Plausible plates: two region letters, two digits, two series letters, four digits (e.g. KA01AB1234). */
export const PLATE_REGIONS = ['KA', 'MH', 'DL', 'TN', 'GJ', 'RJ', 'UP', 'WB', 'KL', 'HR', 'AP', 'TS'] as const;

export const REVIEW_COMMENTS: Record<number, readonly string[]> = {
  1: ['Barrier was broken and nobody answered the intercom.', 'Dirty, dark and the pay machine ate my ticket.', 'Spot markings are impossible to see.'],
  2: ['Very tight ramps, scraped my bumper.', 'Overpriced for what it is.', 'Lifts out of order again.'],
  3: ['Fine for a quick stop.', 'Okay, but the exit queue is long at 6 pm.', 'Does the job, nothing special.'],
  4: ['Easy to find and well lit.', 'Good location, friendly attendant.', 'Clean and close to the station.'],
  5: ['Always a free spot when I reserve, great!', 'Spotless, safe and quick exit.', 'Best garage in town, EV chargers work too.'],
};
