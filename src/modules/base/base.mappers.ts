export type { DatePeriod as DatePeriodMapper, Employment as EmploymentMapper, Place as PlaceMapper } from './values.entity.ts';
