import { IsNotEmpty, IsString } from 'class-validator';

/** Body of ml-api's `POST /predict`. */
export class PredictDto {
  @IsString({ message: 'message must be a non-empty string' })
  @IsNotEmpty({ message: 'message must be a non-empty string' })
  message!: string;
}
